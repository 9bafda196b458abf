/**
 * The parts of a Frictionless Table Schema descriptor that validation reads,
 * plus the Validata `custom_checks` that SCDL schemas declare. Official
 * schema.json files fit this shape as they are.
 */
export interface TableSchema {
  readonly name?: string;
  readonly version?: string;
  readonly fields: readonly TableField[];
  /** Cells equal to one of these are empty; Table Schema default `[""]`. */
  readonly missingValues?: readonly string[];
  readonly custom_checks?: readonly CustomCheck[];
}

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'year' | 'any';

export interface TableField {
  readonly name: string;
  readonly title?: string;
  readonly type: FieldType;
  /** string: `email`, `uri`, `uuid`; date: `default`, `any` or a strptime pattern such as `%d/%m/%Y`. */
  readonly format?: string;
  readonly decimalChar?: string;
  readonly groupChar?: string;
  readonly trueValues?: readonly string[];
  readonly falseValues?: readonly string[];
  readonly constraints?: FieldConstraints;
}

export interface FieldConstraints {
  readonly required?: boolean;
  readonly unique?: boolean;
  readonly pattern?: string;
  readonly enum?: readonly (string | number | boolean)[];
  readonly minimum?: number | string;
  readonly maximum?: number | string;
  readonly minLength?: number;
  readonly maxLength?: number;
}

export interface CustomCheck {
  readonly name: string;
  readonly params: Readonly<Record<string, unknown>>;
}

export interface TableError {
  /** 1-based data row; 0 for the header. */
  row: number;
  column: string | null;
  code: string;
  message: string;
}

export interface TableReport {
  valid: boolean;
  errors: TableError[];
  /** Reported but not invalidating: an absent optional column. */
  warnings: TableError[];
}

/** Field names in schema order: the header to write. */
export function fieldNames<S extends TableSchema>(schema: S): S['fields'][number]['name'][] {
  return schema.fields.map((field) => field.name);
}
