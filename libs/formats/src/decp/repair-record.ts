import { siretIsValid } from '@openactes/domain';
import { recordSchema, resolveSchema, wrapperOf, type JsonSchema } from './decp-schema';
import { DECP_KINDS, type DecpKind, type DecpRepair } from './decp-types';
import { cleanText, isBlank, isIsoDate, matchEnum, parseAmount, parseBoolean, repairCpv, repairDate, repairSiret } from './decp-values';

const SIRET_PATTERN = '^[0-9]{14}$';
const CPV_PATTERN = '^[0-9]{8}(-[0-9])?$';
/** What 2.0.2 producers put in `_type` (2.0.3 forbids the key). */
const TYPE_MARKERS: Readonly<Record<DecpKind, string>> = { marche: 'Marché', 'contrat-concession': 'Contrat de concession' };

interface Walk {
  kind: DecpKind;
  recordId: string;
  repairs: DecpRepair[];
}

/**
 * Repairs one record by walking it along our DECP 2.0.3 schema: each value the
 * schema would refuse is read again with the one unambiguous reading its type
 * allows (see decp-values.ts), and every change is recorded. Values the schema
 * accepts are never rewritten (free text apart, see `cleanText`), and nothing is
 * invented: what stays wrong is left for validation to reject.
 * Keys come out in schema order.
 */
export function repairRecord(kind: DecpKind, data: unknown, recordId: string): { data: unknown; repairs: DecpRepair[] } {
  const walk: Walk = { kind, recordId, repairs: [] };
  return { data: repairValue(recordSchema(kind), data, '', walk), repairs: walk.repairs };
}

/** JSON Pointer of a key or index under a path. */
export function pointer(path: string, key: string | number): string {
  return `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object's defined keys in the schema's order, unknown keys last. */
export function inSchemaOrder<T extends object>(value: T, schema: JsonSchema): T {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  const rank = (key: string) => {
    const position = Object.keys(schema.properties ?? {}).indexOf(key);
    return position < 0 ? Number.MAX_SAFE_INTEGER : position;
  };
  return Object.fromEntries(entries.sort(([a], [b]) => rank(a) - rank(b))) as T;
}

function note(walk: Walk, path: string, rule: string, before: unknown, after: unknown): void {
  walk.repairs.push({ recordId: walk.recordId, path, rule, before, after });
}

function repairValue(schemaRef: JsonSchema, value: unknown, path: string, walk: Walk): unknown {
  const schema = resolveSchema(schemaRef);
  if (schema.type === 'object') return repairObject(schema, value, path, walk);
  if (schema.type === 'array') return repairArray(schema, value, path, walk);
  const repaired = repairScalar(schema, value);
  if (repaired.rule !== undefined) note(walk, path, repaired.rule, value, repaired.value);
  return repaired.value;
}

function repairObject(schema: JsonSchema, value: unknown, path: string, walk: Walk): unknown {
  if (!isPlainObject(value)) return value;
  const properties = schema.properties ?? {};
  const source = renameKeys(value, properties, path, walk);
  padPlaceCode(source, properties, path, walk);
  const holder = 'typeIdentifiant' in properties && 'id' in properties;
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(source)) {
    const at = pointer(path, key);
    const property = properties[key];
    if (property === undefined) {
      const rule = unknownKeyRule(walk.kind, path, key, raw);
      if (rule === undefined) out[key] = raw;
      else note(walk, at, rule, raw, undefined);
      continue;
    }
    const required = schema.required?.includes(key) ?? false;
    if (!required && isBlank(raw)) {
      note(walk, at, 'empty-optional-dropped', raw, undefined);
      continue;
    }
    // A holder's id is read once its type is known (see repairHolder).
    const repaired = holder && key === 'id' ? raw : repairValue(property, raw, at, walk);
    if (!required && Array.isArray(repaired) && repaired.length === 0 && (resolveSchema(property).minItems ?? 0) > 0) {
      note(walk, at, 'empty-list-dropped', raw, undefined);
      continue;
    }
    out[key] = repaired;
  }
  if (holder) repairHolder(out, path, walk);
  return inSchemaOrder(out, schema);
}

/**
 * `acheteur.id` written as one dotted key becomes `acheteur: { id }`, and a
 * key spelt with other letter cases (`typeidentifiant`) takes the schema's
 * spelling, when that key is not also present.
 */
function renameKeys(value: Record<string, unknown>, properties: Readonly<Record<string, JsonSchema>>, path: string, walk: Walk): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(value)) {
    const [head, ...rest] = key.split('.');
    const parent = out[head] ?? value[head];
    if (rest.length === 1 && properties[head] !== undefined && (parent === undefined || (isPlainObject(parent) && !(rest[0] in parent)))) {
      out[head] = { ...(isPlainObject(parent) ? parent : {}), [rest[0]]: raw };
      note(walk, pointer(path, key), 'dotted-key', pointer(path, key), pointer(pointer(path, head), rest[0]));
      continue;
    }
    const spelling = properties[key] === undefined ? Object.keys(properties).filter((name) => name.toLowerCase() === key.toLowerCase()) : [];
    if (spelling.length === 1 && !(spelling[0] in value)) {
      out[spelling[0]] = raw;
      note(walk, pointer(path, key), 'key-spelling', pointer(path, key), pointer(path, spelling[0]));
      continue;
    }
    out[key] = raw;
  }
  return out;
}

/** A postal or commune code sent as a number has lost its leading zero (`3120` for `03120`). */
function padPlaceCode(value: Record<string, unknown>, properties: Readonly<Record<string, JsonSchema>>, path: string, walk: Walk): void {
  const { code, typeCode } = value;
  if (!('typeCode' in properties) || typeof code !== 'number' || !Number.isSafeInteger(code)) return;
  if ((typeCode === 'Code postal' || typeCode === 'Code commune') && String(code).length === 4) {
    value.code = `0${code}`;
    note(walk, pointer(path, 'code'), 'place-code-leading-zero', code, value.code);
  }
}

/**
 * Keys the format does not know. At the top of a record: the 2.0.2 `_type`
 * when it names this kind, and the other kind's keys left empty by a table
 * merge (`autoriteConcedante: ""` on a marché) are dropped; any other key is
 * kept for the schema to refuse. Inside a record the official schema lets
 * unknown keys through (`denominationSociale`, `lieuExecution.nom`): they are
 * dropped so that we emit only the format's keys.
 */
function unknownKeyRule(kind: DecpKind, path: string, key: string, value: unknown): string | undefined {
  if (path !== '') return 'unknown-key-dropped';
  if (key === '_type' && value === TYPE_MARKERS[kind]) return 'type-marker-dropped';
  const other = DECP_KINDS.find((k) => k !== kind)!;
  const empty = isBlank(value) || value === 0 || (Array.isArray(value) && value.length === 0) || (isPlainObject(value) && Object.keys(value).length === 0);
  return empty && key in (recordSchema(other).properties ?? {}) ? 'foreign-empty-key-dropped' : undefined;
}

/**
 * A holder (titulaire, sous-traitant, concessionnaire) without `typeIdentifiant`
 * whose id is a valid SIRET is a SIRET. A SIRET id loses its spaces, or gets
 * back the leading zero it lost as a number; other ids are read as any string.
 */
function repairHolder(holder: Record<string, unknown>, path: string, walk: Walk): void {
  const siret = repairSiret(holder.id);
  if (isBlank(holder.typeIdentifiant) && siret !== undefined && siretIsValid(siret)) {
    note(walk, pointer(path, 'typeIdentifiant'), 'holder-type-defaulted', holder.typeIdentifiant, 'SIRET');
    holder.typeIdentifiant = 'SIRET';
  }
  const id = holder.typeIdentifiant === 'SIRET' && siret !== undefined ? changed(holder.id, 'siret-format', siret) : repairString({ type: 'string' }, holder.id);
  if (id.rule !== undefined) {
    note(walk, pointer(path, 'id'), id.rule, holder.id, id.value);
    holder.id = id.value;
  }
}

function repairArray(schema: JsonSchema, value: unknown, path: string, walk: Walk): unknown {
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') return value;
  let list: unknown[];
  if (Array.isArray(value)) list = value;
  else {
    list = [value];
    note(walk, path, 'single-to-list', value, list);
  }
  if (list.some(Array.isArray)) {
    const flat = list.flat(Infinity);
    note(walk, path, 'nested-list-flattened', list, flat);
    list = flat;
  }
  const wrapper = schema.items === undefined ? undefined : wrapperOf(schema.items);
  if (wrapper !== undefined) list = unwrapArtefacts(list, wrapper, path, walk);
  return list.map((item, index) => repairValue(schema.items ?? {}, item, pointer(path, index), walk));
}

/**
 * List items must be single-key wrappers (`{"titulaire": {…}}`). A bare holder
 * (`{"typeIdentifiant", "id"}`) is wrapped; a wrapper holding only one of its
 * own field names (`{"titulaire": "id"}`, what converters make of an empty
 * element) carries nothing and is dropped.
 */
function unwrapArtefacts(list: unknown[], wrapper: { key: string; inner: JsonSchema }, path: string, walk: Walk): unknown[] {
  const fields = Object.keys(wrapper.inner.properties ?? {});
  const out: unknown[] = [];
  list.forEach((item, index) => {
    const at = pointer(path, index);
    if (isPlainObject(item) && Object.keys(item).length === 1 && typeof item[wrapper.key] === 'string' && fields.includes(item[wrapper.key] as string)) {
      note(walk, at, 'empty-item-dropped', item, undefined);
    } else if (isPlainObject(item) && !isPlainObject(item[wrapper.key]) && Object.keys(item).some((key) => fields.includes(key))) {
      const wrapped = { [wrapper.key]: item };
      note(walk, at, 'list-item-wrapped', item, wrapped);
      out.push(wrapped);
    } else out.push(item);
  });
  return out;
}

interface Reading {
  value: unknown;
  /** Set when the value changed. */
  rule?: string;
}

/** The repaired value under `rule`, or the value unchanged when there is no (different) reading. */
function changed(value: unknown, rule: string, repaired: unknown): Reading {
  return repaired === undefined || repaired === value ? { value } : { value: repaired, rule };
}

function repairScalar(schema: JsonSchema, value: unknown): Reading {
  const fixed = (rule: string, repaired: unknown) => changed(value, rule, repaired);
  if (schema.enum !== undefined) {
    return typeof value !== 'string' || schema.enum.includes(value) ? { value } : fixed('enum-spelling', matchEnum(value, schema.enum));
  }
  switch (schema.type) {
    case 'boolean':
      return typeof value === 'boolean' ? { value } : fixed('boolean-format', parseBoolean(value));
    case 'integer':
    case 'number': {
      if (typeof value !== 'string') return { value };
      const number = parseAmount(value);
      return fixed('number-format', schema.type === 'integer' && !Number.isInteger(number) ? undefined : number);
    }
    case 'string':
      return repairString(schema, value);
    default:
      return { value };
  }
}

function repairString(schema: JsonSchema, value: unknown): Reading {
  const fixed = (rule: string, repaired: unknown) => changed(value, rule, repaired);
  if (schema.format === 'date') return isIsoDate(value) ? { value } : fixed('date-format', repairDate(value));
  if (schema.pattern === SIRET_PATTERN) return typeof value === 'string' && /^\d{14}$/.test(value) ? { value } : fixed('siret-format', repairSiret(value));
  if (schema.pattern === CPV_PATTERN) return typeof value === 'string' && new RegExp(CPV_PATTERN).test(value) ? { value } : fixed('cpv-format', repairCpv(value));
  if (typeof value === 'number' && Number.isFinite(value)) return fixed('number-to-string', String(value));
  if (typeof value === 'string') return fixed('text-whitespace', cleanText(value));
  return { value };
}
