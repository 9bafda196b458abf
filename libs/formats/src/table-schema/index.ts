export * from './descriptors';
export { fieldNames, type CustomCheck, type FieldConstraints, type FieldType, type TableError, type TableField, type TableReport, type TableSchema } from './table-schema';
export { createRowValidator, partitionRows, recordErrors, validateTable, type QuarantinedRow, type RowPartition, type RowValidator } from './validate-table';
