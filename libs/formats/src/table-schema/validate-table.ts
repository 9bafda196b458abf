import { compileCustomCheck } from './custom-checks';
import { fieldValueProblems } from './field-value';
import type { TableError, TableField, TableReport, TableSchema } from './table-schema';

/**
 * Validates a table against a Table Schema the way Validata does: columns are
 * matched by exact name (order is free), then each cell is checked for its
 * type and constraints, then each row for the schema's custom checks.
 * An absent optional column is a warning; an absent required one an error.
 */
export function validateTable(schema: TableSchema, header: readonly string[], rows: readonly (readonly string[])[]): TableReport {
  const validator = createRowValidator(schema, header);
  const errors = [...validator.headerErrors];
  rows.forEach((cells, index) => errors.push(...validator.check(cells, index + 1)));
  return { valid: errors.length === 0, errors, warnings: validator.warnings };
}

export interface RowValidator {
  /** Errors of the header (row 0): any of them makes the whole table unpublishable. */
  headerErrors: TableError[];
  warnings: TableError[];
  /** Checks one row; it remembers the values of unique columns, so rows must come in table order. */
  check(cells: readonly string[], row: number): TableError[];
}

/** The row-by-row form of `validateTable`, for tables streamed from the database. */
export function createRowValidator(schema: TableSchema, header: readonly string[]): RowValidator {
  const missingValues = new Set(schema.missingValues ?? ['']);
  const checks = (schema.custom_checks ?? []).map(compileCustomCheck);
  const { columns, errors: headerErrors, warnings } = matchHeader(schema, header);
  const seen = new Map<string, Map<string, number>>();

  const check = (cells: readonly string[], row: number): TableError[] => {
    const errors: TableError[] = [];
    if (cells.length > header.length) errors.push({ row, column: null, code: 'extra-cell', message: `${cells.length} cells for ${header.length} columns` });
    if (cells.length < header.length) errors.push({ row, column: null, code: 'missing-cell', message: `${cells.length} cells for ${header.length} columns` });
    if (cells.every((cell) => missingValues.has(cell))) {
      errors.push({ row, column: null, code: 'blank-row', message: 'Row is empty' });
      return errors;
    }
    const valueOf = (column: string): string | undefined => {
      const position = columns.get(column);
      if (position === undefined) return undefined;
      const cell = cells[position] ?? '';
      return missingValues.has(cell) ? '' : cell;
    };
    for (const field of schema.fields) {
      const value = valueOf(field.name);
      if (value !== undefined) errors.push(...cellErrors(field, value, row, seen));
    }
    for (const rowCheck of checks) errors.push(...rowCheck(valueOf).map((p) => ({ row, ...p })));
    return errors;
  };
  return { headerErrors, warnings, check };
}

/** Record-shaped rows (as stored) against a schema: the errors of one row, in schema order. */
export function recordErrors(validator: RowValidator, header: readonly string[], record: Readonly<Record<string, string>>, row: number): TableError[] {
  return [...validator.headerErrors, ...validator.check(header.map((name) => record[name] ?? ''), row)];
}

export interface QuarantinedRow {
  /** 1-based data row. */
  row: number;
  cells: string[];
  errors: TableError[];
}

export interface RowPartition {
  /** Rows that may be published; none when the header itself is wrong. */
  valid: string[][];
  quarantined: QuarantinedRow[];
  /** Errors of the header (row 0): any of them makes the whole table unpublishable. */
  tableErrors: TableError[];
  warnings: TableError[];
}

/** Splits rows into publishable ones and quarantined ones with their reasons. */
export function partitionRows(schema: TableSchema, header: readonly string[], rows: readonly (readonly string[])[]): RowPartition {
  const report = validateTable(schema, header, rows);
  const byRow = new Map<number, TableError[]>();
  for (const error of report.errors) byRow.set(error.row, [...(byRow.get(error.row) ?? []), error]);
  const tableErrors = byRow.get(0) ?? [];
  const partition: RowPartition = { valid: [], quarantined: [], tableErrors, warnings: report.warnings };
  rows.forEach((cells, index) => {
    const errors = byRow.get(index + 1);
    if (errors) partition.quarantined.push({ row: index + 1, cells: [...cells], errors });
    else if (tableErrors.length > 0) partition.quarantined.push({ row: index + 1, cells: [...cells], errors: [] });
    else partition.valid.push([...cells]);
  });
  return partition;
}

function matchHeader(schema: TableSchema, header: readonly string[]) {
  const known = new Set(schema.fields.map((field) => field.name));
  const columns = new Map<string, number>();
  const errors: TableError[] = [];
  const warnings: TableError[] = [];
  header.forEach((name, position) => {
    if (name.trim() === '') errors.push({ row: 0, column: null, code: 'blank-column', message: `Column ${position + 1} has no name` });
    else if (columns.has(name)) errors.push({ row: 0, column: name, code: 'duplicate-column', message: `Column ${name} appears twice` });
    else if (!known.has(name)) errors.push({ row: 0, column: name, code: 'extra-column', message: `Column ${name} is not in the schema` });
    else columns.set(name, position);
  });
  for (const field of schema.fields) {
    if (columns.has(field.name)) continue;
    const required = field.constraints?.required === true;
    (required ? errors : warnings).push({
      row: 0,
      column: field.name,
      code: 'missing-column',
      message: `${required ? 'Required' : 'Optional'} column ${field.name} is absent`,
    });
  }
  return { columns, errors, warnings };
}

function cellErrors(field: TableField, value: string, row: number, seen: Map<string, Map<string, number>>): TableError[] {
  const column = field.name;
  if (value === '') {
    return field.constraints?.required ? [{ row, column, code: 'required', message: `${column} is required` }] : [];
  }
  const errors: TableError[] = fieldValueProblems(field, value).map((p) => ({ row, column, ...p }));
  if (field.constraints?.unique) {
    const values = seen.get(column) ?? new Map<string, number>();
    seen.set(column, values);
    const first = values.get(value);
    if (first === undefined) values.set(value, row);
    else errors.push({ row, column, code: 'unique', message: `"${value}" already in row ${first}` });
  }
  return errors;
}
