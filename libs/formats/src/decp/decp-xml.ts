import { isBareNumber } from '../table-schema/field-value';
import type { XmlElement } from '../actes/xml';
import { recordSchema, resolveSchema, wrapperOf, type JsonSchema } from './decp-schema';
import type { DecpKind } from './decp-types';

/** XSD 2.0.2 names the items of `modificationsActesSousTraitance` with a plural `Actes`; JSON uses the singular. */
const XML_ITEM_NAMES: Readonly<Record<string, string>> = { modificationActesSousTraitance: 'modificationActeSousTraitance' };

const XSD_TRUE = new Set(['oui', 'true', '1']);
const XSD_FALSE = new Set(['non', 'false', '0']);

/**
 * A `<marche>` or `<contrat-concession>` element as the equivalent DECP JSON
 * value, guided by the schema: list wrappers (`<titulaires><titulaire>`)
 * become arrays of single-key objects, repeated simple elements
 * (`<technique>`) plain arrays, and simple values take their XSD type
 * (booleans `oui/non/true/false/1/0`, numbers). Empty elements are absent
 * values (the XSD allows `<origineUE/>`). Elements the schema does not know
 * are kept as they are, for validation to refuse.
 */
export function xmlRecord(kind: DecpKind, element: XmlElement): unknown {
  return fromElement(element, recordSchema(kind));
}

function fromElement(element: XmlElement, schemaRef: JsonSchema | undefined): unknown {
  if (schemaRef === undefined) return untyped(element);
  const schema = resolveSchema(schemaRef);
  if (schema.type === 'object') return fromObject(element, schema);
  if (schema.type === 'array') return fromWrapperList(element, schema);
  return simpleValue(element.text, schema);
}

function fromObject(element: XmlElement, schema: JsonSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const child of element.children) {
    const property = schema.properties?.[child.name];
    const list = property === undefined ? undefined : resolveSchema(property);
    if (list?.type === 'array' && list.items !== undefined && wrapperOf(list.items) === undefined) {
      const item = simpleValue(child.text, resolveSchema(list.items));
      out[child.name] = [...((out[child.name] as unknown[] | undefined) ?? []), ...(item === undefined ? [] : [item])];
      continue;
    }
    const value = fromElement(child, property);
    if (value === undefined) continue;
    out[child.name] = child.name in out ? [out[child.name], value].flat() : value;
  }
  return out;
}

function fromWrapperList(element: XmlElement, schema: JsonSchema): unknown[] {
  const wrapper = schema.items === undefined ? undefined : wrapperOf(schema.items);
  return element.children.map((child) => {
    const name = XML_ITEM_NAMES[child.name] ?? child.name;
    return { [name]: fromElement(child, name === wrapper?.key ? wrapper.inner : undefined) };
  });
}

function simpleValue(text: string, schema: JsonSchema): unknown {
  const value = text.trim();
  if (value === '') return undefined;
  if (schema.type === 'boolean') return XSD_TRUE.has(value) ? true : XSD_FALSE.has(value) ? false : value;
  if ((schema.type === 'number' || schema.type === 'integer') && isBareNumber(value)) return Number(value);
  return value;
}

/** An element the schema does not describe: its text, or its children by name (repeated ones as arrays). */
function untyped(element: XmlElement): unknown {
  if (element.children.length === 0) return element.text.trim();
  const out: Record<string, unknown> = {};
  for (const child of element.children) {
    const value = untyped(child);
    out[child.name] = child.name in out ? [out[child.name], value].flat() : value;
  }
  return out;
}
