import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import schemaFile from './schema/decp-2.0.3.schema.json';
import type { DecpKind } from './decp-types';

/** The parts of a JSON Schema (draft-07) that the reader and the repairs navigate. */
export interface JsonSchema {
  readonly $ref?: string;
  readonly type?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
  readonly items?: JsonSchema;
  readonly enum?: readonly unknown[];
  readonly pattern?: string;
  readonly format?: string;
  readonly minItems?: number;
  readonly definitions?: Readonly<Record<string, JsonSchema>>;
}

/** Our DECP 2.0.3 JSON Schema (`schema/decp-2.0.3.schema.json`). */
export const DECP_SCHEMA = schemaFile as JsonSchema;

/** Follows a local `$ref` (`#/definitions/x`); in draft-07 the keywords beside a `$ref` are ignored. */
export function resolveSchema(schema: JsonSchema): JsonSchema {
  let current = schema;
  while (current.$ref !== undefined) {
    const name = /^#\/definitions\/(.+)$/.exec(current.$ref)?.[1];
    const target = name === undefined ? undefined : DECP_SCHEMA.definitions?.[name];
    if (target === undefined) throw new RangeError(`Unresolvable $ref ${current.$ref}`);
    current = target;
  }
  return current;
}

export function recordSchema(kind: DecpKind): JsonSchema {
  return resolveSchema({ $ref: `#/definitions/${kind}` });
}

/** The single key of a list item such as `{"titulaire": {…}}`, with the schema of what it wraps. */
export function wrapperOf(itemSchema: JsonSchema): { key: string; inner: JsonSchema } | undefined {
  const item = resolveSchema(itemSchema);
  const keys = Object.keys(item.properties ?? {});
  if (item.type !== 'object' || keys.length !== 1 || item.required?.[0] !== keys[0]) return undefined;
  const inner = resolveSchema(item.properties![keys[0]]);
  return inner.type === 'object' ? { key: keys[0], inner } : undefined;
}

const ajv = new Ajv({ allErrors: true, strictTypes: false });
addFormats(ajv, ['date']);
ajv.addSchema(DECP_SCHEMA, 'decp');

const compiled = new Map<string, ValidateFunction>();

function validator(ref: string): ValidateFunction {
  let validate = compiled.get(ref);
  if (!validate) compiled.set(ref, (validate = ajv.getSchema(ref)!));
  return validate;
}

/** Schema errors of one record (empty when valid). */
export function decpRecordErrors(kind: DecpKind, data: unknown): ErrorObject[] {
  const validate = validator(`decp#/definitions/${kind}`);
  return validate(data) ? [] : [...(validate.errors ?? [])];
}

/** Schema errors of a whole `{ "marches": … }` document (empty when valid). */
export function decpDocumentErrors(document: unknown): ErrorObject[] {
  const validate = validator('decp');
  return validate(document) ? [] : [...(validate.errors ?? [])];
}
