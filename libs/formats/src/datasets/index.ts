export * from './dataset-kinds';
export * from './dataset-records';
