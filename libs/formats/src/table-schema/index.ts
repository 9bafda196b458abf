export * from './descriptors';
export { fieldNames, type CustomCheck, type FieldConstraints, type FieldType, type TableError, type TableField, type TableReport, type TableSchema } from './table-schema';
export { partitionRows, validateTable, type QuarantinedRow, type RowPartition } from './validate-table';
