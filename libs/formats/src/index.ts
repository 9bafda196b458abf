export * from './actes';
export * from './archive';
export * from './csv';
export * from './pdf';
