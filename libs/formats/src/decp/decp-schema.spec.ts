import * as fs from 'node:fs';
import * as path from 'node:path';
import { DECP_SCHEMA, decpRecordErrors, recordSchema, resolveSchema, wrapperOf } from './decp-schema';

const SCHEMAS = path.join(process.env.SHARED_DIR ?? path.resolve(__dirname, '../../../../../shared'), 'schemas');
const official = (file: string) => JSON.parse(fs.readFileSync(path.join(SCHEMAS, file), 'utf8')) as Node;

type Node = Record<string, unknown>;
type Facts = Record<string, Node>;

/** What validation reads, keyword by keyword. */
const KEYWORDS = ['type', 'enum', 'pattern', 'format', 'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'uniqueItems', 'required', 'additionalProperties'];

/** Draft-07 `$ref`: a JSON Pointer into the same file; keywords beside it are ignored. */
function resolve(root: Node, node: Node): Node {
  let current = node;
  while (typeof current.$ref === 'string') {
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce<Node>((at, key) => at[key] as Node, root);
  }
  return current;
}

/** The validation facts of every field, keyed by its path (`marche.titulaires[].titulaire.id`). */
function facts(root: Node, start: Node, prefix: string, out: Facts = {}): Facts {
  const node = resolve(root, start);
  out[prefix] = Object.fromEntries(KEYWORDS.filter((k) => node[k] !== undefined).map((k) => [k, k === 'required' ? [...(node[k] as string[])].sort() : node[k]]));
  for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, Node>)) facts(root, child, `${prefix}.${key}`, out);
  if (node.items) facts(root, node.items as Node, `${prefix}[]`, out);
  return out;
}

const recordFacts = (root: Node) => ({
  ...facts(root, { $ref: '#/definitions/marche' }, 'marche'),
  ...facts(root, { $ref: '#/definitions/contrat-concession' }, 'contrat-concession'),
});

/**
 * Where our schema is deliberately stricter than the official 2.0.3 one:
 * - dates: the official pattern is unanchored (it accepts `2024-05-15T00:00:00+02:00`
 *   and `2024-13-45`); ours is anchored and must be a calendar date;
 * - every object is closed: the official schema closes only the marché and the
 *   concession; we emit no key outside the format (the normaliser drops, and
 *   records, the ones nested records carry);
 * - list items are declared objects (the official `TitulaireArray`-like items omit `type`).
 */
function withOurDifferences(theirs: Facts): Facts {
  return Object.fromEntries(
    Object.entries(theirs).map(([field, node]) => {
      const ours = { ...node };
      if (ours.pattern === '\\d{4}-\\d{2}-\\d{2}') Object.assign(ours, { pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date' });
      if (ours.type === undefined && ours.required !== undefined) ours.type = 'object';
      if (ours.type === 'object') ours.additionalProperties = false;
      return [field, ours];
    }),
  );
}

describe('DECP 2.0.3 schema', () => {
  it('states the fields, types, enums, bounds and required keys of the official 2.0.3 schema, field by field', () => {
    const theirs = official('decp-2.0.3.schema.json');
    const ours = recordFacts(DECP_SCHEMA as Node);
    const expected = withOurDifferences(recordFacts(theirs));
    expect(Object.keys(ours).sort()).toEqual(Object.keys(expected).sort());
    for (const field of Object.keys(expected)) expect({ field, ...ours[field] }).toEqual({ field, ...expected[field] });
  });

  it('keeps the official document shape: a "marches" object with at least one of the two lists', () => {
    const theirs = official('decp-2.0.3.schema.json');
    const marches = (node: Node) => resolve(node, (node.properties as Record<string, Node>).marches);
    expect(DECP_SCHEMA.required).toEqual(theirs.required);
    expect(marches(DECP_SCHEMA as Node).anyOf).toEqual(marches(theirs).anyOf);
    expect(Object.keys(marches(DECP_SCHEMA as Node).properties as Node)).toEqual(Object.keys(marches(theirs).properties as Node));
  });

  it('lists the marché fields in the official order (our output follows it)', () => {
    const theirs = official('decp-2.0.3.schema.json');
    const order = (root: Node, kind: string) => Object.keys(resolve(root, { $ref: `#/definitions/${kind}` }).properties as Node);
    expect(order(DECP_SCHEMA as Node, 'marche')).toEqual(order(theirs, 'marche'));
    expect(order(DECP_SCHEMA as Node, 'contrat-concession')).toEqual(order(theirs, 'contrat-concession'));
  });

  it('matches 2.0.2 but for the `_type` marker 2.0.2 allowed on a marché (which the repairs drop)', () => {
    const v202 = recordFacts(official('decp-2.0.2.schema.json'));
    const v203 = recordFacts(official('decp-2.0.3.schema.json'));
    expect(v202['marche._type']).toEqual({ type: 'string', pattern: '^Marché$' });
    delete v202['marche._type'];
    expect(v202).toEqual(v203);
  });
});

describe(decpRecordErrors.name, () => {
  it('refuses a datetime and an impossible date that the official pattern lets through', () => {
    const errors = (date: string) =>
      decpRecordErrors('contrat-concession', { id: 'X', dateSignature: date }).filter((e) => e.instancePath === '/dateSignature').map((e) => e.keyword);
    expect(errors('2024-04-02')).toEqual([]);
    expect(errors('2024-04-02T00:00:00+02:00')).toContain('pattern');
    expect(errors('2024-13-45')).toEqual(['format']);
  });
});

describe(wrapperOf.name, () => {
  it('finds the single key of list items, and nothing for plain lists', () => {
    const marche = recordSchema('marche');
    expect(wrapperOf(resolveSchema(marche.properties!.titulaires).items!)?.key).toBe('titulaire');
    expect(wrapperOf(resolveSchema(marche.properties!.modificationsActesSousTraitance).items!)?.key).toBe('modificationActeSousTraitance');
    expect(wrapperOf(resolveSchema(resolveSchema(marche.properties!.techniques).properties!.technique).items!)).toBeUndefined();
  });
});
