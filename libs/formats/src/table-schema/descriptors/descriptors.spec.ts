import * as fs from 'node:fs';
import * as path from 'node:path';
import { SCDL_DELIBERATIONS_FIELDS } from '@openactes/domain';
import type { TableField, TableSchema } from '../table-schema';
import { SCDL_BUDGET_SCHEMA, SCDL_DELIBERATIONS_SCHEMA, SCDL_SUBVENTIONS_SCHEMA } from '.';

const SCHEMAS = path.join(process.env.SHARED_DIR ?? path.resolve(__dirname, '../../../../../../shared'), 'schemas');
const official = (file: string) => JSON.parse(fs.readFileSync(path.join(SCHEMAS, file), 'utf8')) as TableSchema;

/** What validation reads from a field, with Table Schema defaults made explicit. */
const facts = (field: TableField) => ({
  name: field.name,
  type: field.type,
  format: field.format ?? 'default',
  trueValues: field.trueValues,
  falseValues: field.falseValues,
  decimalChar: field.decimalChar,
  groupChar: field.groupChar,
  required: field.constraints?.required ?? false,
  unique: field.constraints?.unique ?? false,
  pattern: field.constraints?.pattern,
  enum: field.constraints?.enum,
  minimum: field.constraints?.minimum,
  maximum: field.constraints?.maximum,
  minLength: field.constraints?.minLength,
  maxLength: field.constraints?.maxLength,
});

describe('SCDL descriptors', () => {
  it.each([
    ['scdl-deliberations-2.1.5.schema.json', SCDL_DELIBERATIONS_SCHEMA as TableSchema],
    ['scdl-budget-0.8.3.schema.json', SCDL_BUDGET_SCHEMA as TableSchema],
    ['scdl-subventions-2.1.1.schema.json', SCDL_SUBVENTIONS_SCHEMA as TableSchema],
  ])('state the validation facts of %s field by field', (file, ours) => {
    const theirs = official(file);
    expect(ours.version).toBe((theirs as { version?: string }).version);
    expect(ours.fields.map((f) => f.name)).toEqual(theirs.fields.map((f) => f.name));
    theirs.fields.forEach((field, i) => expect(facts(ours.fields[i])).toEqual(facts(field)));
    expect(ours.custom_checks).toEqual(theirs.custom_checks);
    expect(ours.missingValues ?? ['']).toEqual(theirs.missingValues ?? ['']);
    for (const field of ours.fields) expect(field.title).toMatch(/\S/);
  });

  it('agree with the délibérations header the domain builds rows for', () => {
    expect(SCDL_DELIBERATIONS_SCHEMA.fields.map((f) => f.name)).toEqual([...SCDL_DELIBERATIONS_FIELDS]);
  });
});
