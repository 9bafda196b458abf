import { XMLParser, XMLValidator } from 'fast-xml-parser';
import * as iconv from 'iconv-lite';
import { CodedError } from '@openactes/domain';

/** An element with its name and attribute names resolved to (namespace URI, local name). */
export interface XmlElement {
  ns: string;
  name: string;
  attrs: XmlAttribute[];
  children: XmlElement[];
  text: string;
}

export interface XmlAttribute {
  ns: string;
  name: string;
  value: string;
}

export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: false,
  cdataPropName: '#cdata',
  commentPropName: false,
});

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const LATIN1_LABELS = new Set(['iso-8859-1', 'iso8859-1', 'iso_8859-1', 'latin1', 'latin-1', 'l1', 'us-ascii', 'ascii', 'windows-1252', 'cp1252']);

type OrderedNode = Record<string, unknown>;

/** Parses bytes of an untrusted XML file: no DTD, no entity but the predefined ones, namespaces resolved. */
export function parseXml(data: Buffer, fileName: string): XmlElement {
  const text = decodeXml(data, fileName);
  if (/<!(DOCTYPE|ENTITY)/i.test(text)) fail(fileName, 'doctype', 'DOCTYPE and ENTITY declarations are not accepted');
  const validation = XMLValidator.validate(text);
  if (validation !== true) fail(fileName, 'malformed', validation.err.msg, { line: validation.err.line });
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(text) as OrderedNode[];
  } catch (err) {
    fail(fileName, 'malformed', (err as Error).message);
  }
  const roots = nodes.filter((node) => tagOf(node) !== undefined);
  if (roots.length !== 1) fail(fileName, 'malformed', 'Exactly one root element expected');
  return toElement(roots[0], new Map([['xml', XML_NS]]), fileName);
}

/** Declared encoding; without a declaration UTF-8 when valid, else Latin-1 (read as its windows-1252 superset). */
export function decodeXml(data: Buffer, fileName: string): string {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return utf8(data, fileName);
  const head = data.subarray(0, 200).toString('latin1');
  const declared = /^<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z][\w.:-]*)["']/.exec(head)?.[1].toLowerCase();
  if (declared === undefined) {
    try {
      return strictUtf8.decode(data);
    } catch {
      return iconv.decode(data, 'windows-1252');
    }
  }
  if (declared === 'utf-8' || declared === 'utf8') return utf8(data, fileName);
  if (LATIN1_LABELS.has(declared)) return iconv.decode(data, 'windows-1252');
  if (iconv.encodingExists(declared)) return iconv.decode(data, declared);
  fail(fileName, 'unsupported_encoding', `Unsupported encoding ${declared}`, { encoding: declared });
}

function utf8(data: Buffer, fileName: string): string {
  try {
    return strictUtf8.decode(data);
  } catch {
    fail(fileName, 'bad_encoding', 'Bytes are not valid UTF-8 as declared');
  }
}

function toElement(node: OrderedNode, parentScope: Map<string, string>, fileName: string): XmlElement {
  const qname = tagOf(node)!;
  const rawAttrs = (node[':@'] ?? {}) as Record<string, string>;
  const scope = new Map(parentScope);
  for (const [key, value] of Object.entries(rawAttrs)) {
    if (key === 'xmlns') scope.set('', decodeEntities(value, fileName));
    else if (key.startsWith('xmlns:')) scope.set(key.slice(6), decodeEntities(value, fileName));
  }
  const resolve = (qualified: string, isAttribute: boolean): { ns: string; name: string } => {
    const colon = qualified.indexOf(':');
    if (colon < 0) return { ns: isAttribute ? '' : (scope.get('') ?? ''), name: qualified };
    const ns = scope.get(qualified.slice(0, colon));
    if (ns === undefined) fail(fileName, 'undeclared_prefix', `Undeclared namespace prefix in ${qualified}`);
    return { ns, name: qualified.slice(colon + 1) };
  };

  const element: XmlElement = { ...resolve(qname, false), attrs: [], children: [], text: '' };
  for (const [key, value] of Object.entries(rawAttrs)) {
    if (key !== 'xmlns' && !key.startsWith('xmlns:')) element.attrs.push({ ...resolve(key, true), value: decodeEntities(value, fileName) });
  }
  for (const child of node[qname] as OrderedNode[]) {
    if ('#text' in child) element.text += decodeEntities(String(child['#text']), fileName);
    else if ('#cdata' in child) element.text += (child['#cdata'] as { '#text'?: string }[]).map((t) => String(t['#text'] ?? '')).join('');
    else if (tagOf(child) !== undefined) element.children.push(toElement(child, scope, fileName));
  }
  return element;
}

function tagOf(node: OrderedNode): string | undefined {
  return Object.keys(node).find((key) => key !== ':@' && key !== '#text' && key !== '#cdata');
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(value: string, fileName: string): string {
  return value.replace(/&(#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z_][\w.-]*);/g, (ref: string, body: string) => {
    if (!body.startsWith('#')) {
      if (body in PREDEFINED) return PREDEFINED[body];
      fail(fileName, 'undefined_entity', `Undefined entity ${ref}`);
    }
    const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    const allowed = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
    if (!allowed) fail(fileName, 'malformed', `Invalid character reference ${ref}`);
    return String.fromCodePoint(code);
  });
}

function fail(fileName: string, reason: string, message: string, details: Record<string, unknown> = {}): never {
  throw new CodedError('INVALID_XML', `${fileName}: ${message}`, { fileName, reason, ...details });
}

export function child(el: XmlElement | undefined, name: string, ns: string): XmlElement | undefined {
  return el?.children.find((c) => c.ns === ns && c.name === name);
}

export function children(el: XmlElement | undefined, name: string, ns: string): XmlElement[] {
  return el?.children.filter((c) => c.ns === ns && c.name === name) ?? [];
}

/** Qualified attribute, falling back to the same unqualified name (some producers forget the prefix). */
export function attr(el: XmlElement | undefined, name: string, ns: string): string | undefined {
  const attrs = el?.attrs ?? [];
  return (attrs.find((a) => a.ns === ns && a.name === name) ?? attrs.find((a) => a.ns === '' && a.name === name))?.value;
}
