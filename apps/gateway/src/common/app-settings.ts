import type { AppConfig } from '@openactes/config';

/** Injection token for the validated configuration (a class, not a string). */
export abstract class AppSettings {}

export type Settings = AppConfig;
