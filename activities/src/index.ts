export * from './act.activities';
export * from './failures';
export * from './pdf-text';
