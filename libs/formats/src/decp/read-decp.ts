import { CodedError } from '@openactes/domain';
import { parseXml } from '../actes/xml';
import { xmlRecord } from './decp-xml';
import { DECP_KINDS, type DecpDocument, type DecpKind, type DecpRepair, type DecpSourceRecord } from './decp-types';
import { isBlank } from './decp-values';
import { isPlainObject, pointer } from './repair-record';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a DECP file and tells its version: JSON 2.x (`{"marches": {"marche":
 * [...], "contrat-concession": [...]}}`), XML 2.0.2 (`<marches>` root) or the
 * legacy JSON 1.5 (`{"marches": [...]}`, each item a marché or a concession).
 * Records are returned as found, with their kind and place; repairing and
 * validating them is `normaliseDecp`'s work. Anything else is `INVALID_DECP`
 * (bad XML stays `INVALID_XML`).
 */
export function readDecp(bytes: Buffer, fileName = 'decp'): DecpDocument {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const first = bytes.subarray(start, start + 1024).toString('latin1').trimStart()[0];
  if (first === '<') return readXml(bytes, fileName);
  if (first === '{' || first === '[') return readJson(bytes.subarray(start), fileName);
  return invalid(fileName, 'not-json-or-xml', 'Neither JSON nor XML');
}

function readXml(bytes: Buffer, fileName: string): DecpDocument {
  const root = parseXml(bytes, fileName);
  if (root.name !== 'marches') invalid(fileName, 'unknown-version', `Root element <${root.name}> is not <marches>`);
  const counts: Record<DecpKind, number> = { marche: 0, 'contrat-concession': 0 };
  const records = root.children.map((element): DecpSourceRecord => {
    const kind = DECP_KINDS.find((k) => k === element.name) ?? invalid(fileName, 'unknown-version', `<marches> holds a <${element.name}>`);
    return { recordId: `${fileName}#/marches/${kind}/${counts[kind]++}`, kind, data: xmlRecord(kind, element) };
  });
  return { source: fileName, format: 'xml', version: '2.0', records, repairs: [] };
}

function readJson(bytes: Buffer, fileName: string): DecpDocument {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return invalid(fileName, 'bad-encoding', 'JSON must be UTF-8');
  }
  const repairs: DecpRepair[] = [];
  const parsed = parseJson(text, fileName, (repair) => repairs.push({ recordId: `${fileName}#`, ...repair }));
  const marches = isPlainObject(parsed) ? parsed.marches : undefined;
  if (Array.isArray(marches)) {
    const records = (marches as unknown[]).map((data, index) => ({ recordId: `${fileName}#${pointer('/marches', index)}`, kind: legacyKind(data), data }));
    return { source: fileName, format: 'json', version: '1.5', records, repairs };
  }
  if (!isPlainObject(marches)) return invalid(fileName, 'unknown-version', 'No "marches" object (DECP 2.x) or array (DECP 1.5)');

  const records: DecpSourceRecord[] = [];
  for (const [key, value] of Object.entries(marches)) {
    const container = DECP_KINDS.find((kind) => kind === key);
    if (container === undefined) {
      repairs.push({ recordId: `${fileName}#`, path: pointer('/marches', key), rule: 'unknown-key-dropped', before: value, after: undefined });
      continue;
    }
    let items: unknown[];
    if (Array.isArray(value)) items = value;
    else if (isPlainObject(value)) {
      items = [value];
      repairs.push({ recordId: `${fileName}#`, path: pointer('/marches', key), rule: 'single-to-list', before: value, after: items });
    } else if (value === null) items = [];
    else return invalid(fileName, 'unknown-version', `"marches.${key}" is neither a list nor a record`);
    items.forEach((data, index) => {
      const recordId = `${fileName}#${pointer(pointer('/marches', key), index)}`;
      const kind = kindFromContent(data) ?? container;
      if (kind !== container) repairs.push({ recordId, path: '', rule: 'kind-from-content', before: container, after: kind });
      records.push({ recordId, kind, data });
    });
  }
  return { source: fileName, format: 'json', version: '2.0', records, repairs };
}

/** JSON, tolerating the bare `NaN` that pandas writes for a missing value (read as `null`). */
function parseJson(text: string, fileName: string, repaired: (repair: Omit<DecpRepair, 'recordId'>) => void): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const { text: fixed, count } = bareNanToNull(text);
    if (count > 0) {
      try {
        const parsed: unknown = JSON.parse(fixed);
        for (let i = 0; i < count; i++) repaired({ path: '', rule: 'bare-nan', before: 'NaN', after: null });
        return parsed;
      } catch {
        // Not only NaN: report the original error.
      }
    }
    return invalid(fileName, 'malformed', `Malformed JSON: ${(err as Error).message}`);
  }
}

/** Replaces `NaN` tokens outside strings by `null`. */
export function bareNanToNull(text: string): { text: string; count: number } {
  let out = '';
  let count = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') {
        out += ch + (text[i + 1] ?? '');
        i++;
        continue;
      }
      if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (text.startsWith('NaN', i) && !/[\w$]/.test(text[i - 1] ?? '') && !/[\w$]/.test(text[i + 3] ?? '')) {
      out += 'null';
      count++;
      i += 2;
      continue;
    }
    out += ch;
  }
  return { text: out, count };
}

/** A 1.5 item's kind: its `_type`, else a concession when it names an autorité concédante and no buyer. */
function legacyKind(data: unknown): DecpKind {
  if (isPlainObject(data) && data._type === 'Contrat de concession') return 'contrat-concession';
  if (isPlainObject(data) && data._type === 'Marché') return 'marche';
  return kindFromContent(data) ?? 'marche';
}

function kindFromContent(data: unknown): DecpKind | undefined {
  if (!isPlainObject(data)) return undefined;
  const buyer = !isBlank(data.acheteur) || 'acheteur.id' in data;
  const grantor = !isBlank(data.autoriteConcedante);
  if (grantor && !buyer) return 'contrat-concession';
  if (buyer && !grantor) return 'marche';
  return undefined;
}

function invalid(fileName: string, reason: string, message: string): never {
  throw new CodedError('INVALID_DECP', `${fileName}: ${message}`, { fileName, reason });
}
