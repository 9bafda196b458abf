import type { Command } from '../command';

/** Every command, by name. Add a command: one file in this folder, one line here. */
export const COMMANDS: readonly Command[] = [];
