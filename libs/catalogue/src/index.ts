export * from './types';
export * from './vocabulary';
export * from './dcat';
export * from './atom';
export * from './webhook-signature';
