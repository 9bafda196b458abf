export * from './actes';
export * from './archive';
export * from './csv';
export * from './pdf';
export * from './table-schema';
export * from './totem';
export * from './text';
export * from './decp';
