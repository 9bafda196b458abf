import { DataFactory, Writer, type Quad_Object, type Quad_Predicate, type Quad_Subject, type Term as N3Term } from 'n3';
import { expand, PREFIXES, type CompactIri } from './vocabulary';

/**
 * A small tree of RDF resources, built once and written both as JSON-LD and as
 * Turtle, so the two serialisations cannot drift apart. A node without `id` is a
 * blank node (used once, where it stands).
 */
export interface GraphNode {
  id?: string;
  types: CompactIri[];
  props: [CompactIri, Value][];
}
export interface IriValue {
  iri: string;
}
export interface LiteralValue {
  value: string;
  datatype?: CompactIri;
  lang?: string;
}
export type Value = GraphNode | IriValue | LiteralValue;

export const iri = (value: string): IriValue => ({ iri: value });
export const text = (value: string, lang = 'fr'): LiteralValue => ({ value, lang });
export const typed = (value: string | number, datatype: CompactIri): LiteralValue => ({ value: String(value), datatype });

const isNode = (v: Value): v is GraphNode => 'props' in v;
const isIri = (v: Value): v is IriValue => 'iri' in v;

// ---------------------------------------------------------------- JSON-LD

/** JSON-LD with an inline @context (no remote context to fetch): compact IRIs, typed and language-tagged values. */
export function toJsonLdDocument(roots: GraphNode[]): Record<string, unknown> {
  return { '@context': { ...PREFIXES }, '@graph': roots.map(jsonLdNode) };
}

function jsonLdNode(node: GraphNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (node.id) out['@id'] = node.id;
  if (node.types.length) out['@type'] = node.types.length === 1 ? node.types[0] : node.types;
  for (const [predicate, value] of node.props) {
    const v = jsonLdValue(value);
    const existing = out[predicate];
    out[predicate] = existing === undefined ? v : Array.isArray(existing) ? [...(existing as unknown[]), v] : [existing, v];
  }
  return out;
}

function jsonLdValue(value: Value): unknown {
  if (isNode(value)) return jsonLdNode(value);
  if (isIri(value)) return { '@id': value.iri };
  if (value.lang) return { '@value': value.value, '@language': value.lang };
  if (value.datatype) return { '@value': value.value, '@type': value.datatype };
  return value.value;
}

// ---------------------------------------------------------------- Turtle

const namedNode = (value: string) => DataFactory.namedNode(value);
const literal = (value: string, languageOrDatatype?: string | ReturnType<typeof namedNode>) => DataFactory.literal(value, languageOrDatatype);
const quad = (subject: Quad_Subject, predicate: Quad_Predicate, object: Quad_Object) => DataFactory.quad(subject, predicate, object);

/**
 * Turtle through N3.Writer: one block per IRI subject, blank nodes inline (`[ ... ]`).
 * A resource reached twice (the licence under each distribution) is written once.
 */
export function toTurtle(roots: GraphNode[]): string {
  const writer = new Writer({ format: 'text/turtle', prefixes: { ...PREFIXES } });
  const written = new Set<string>();
  const inlineBlanks = new WeakSet<object>();
  const queue = [...roots];

  const object = (value: Value): Quad_Object => {
    if (isNode(value)) {
      if (value.id) {
        queue.push(value);
        return namedNode(value.id);
      }
      const blank = writer.blank(statements(value).map(([predicate, o]) => ({ predicate, object: o })));
      inlineBlanks.add(blank);
      return blank;
    }
    if (isIri(value)) return namedNode(value.iri);
    return literal(value.value, value.lang ?? (value.datatype ? namedNode(expand(value.datatype)) : undefined));
  };
  const statements = (node: GraphNode): [ReturnType<typeof namedNode>, Quad_Object][] => [
    ...node.types.map((t): [ReturnType<typeof namedNode>, Quad_Object] => [namedNode(expand('rdf:type')), namedNode(expand(t))]),
    ...node.props.map(([p, v]): [ReturnType<typeof namedNode>, Quad_Object] => [namedNode(expand(p)), object(v)]),
  ];

  for (let node = queue.shift(); node; node = queue.shift()) {
    if (!node.id) throw new Error('A top-level resource needs an IRI');
    const subject = namedNode(node.id);
    for (const [predicate, o] of statements(node)) {
      const key = inlineBlanks.has(o) ? null : `${node.id} ${predicate.value} ${termKey(o)}`;
      if (key && written.has(key)) continue;
      if (key) written.add(key);
      writer.addQuad(quad(subject, predicate, o));
    }
  }
  let turtle = '';
  writer.end((err, result: string) => {
    if (err) throw err;
    turtle = result;
  });
  return turtle;
}

function termKey(term: N3Term): string {
  if (term.termType === 'Literal') return `"${term.value}"@${term.language}^^${term.datatype.value}`;
  return `<${term.value}>`;
}
