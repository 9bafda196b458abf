import type { Label, Span } from './spans';
import { fold } from './text';

const PLACEHOLDER_NAMES: Readonly<Record<Label, string>> = {
  PERSON: 'Personne',
  ADDRESS: 'Adresse',
  PARCEL: 'Parcelle',
  BIRTHDATE: 'Date de naissance',
  PHONE: 'Téléphone',
  EMAIL: 'Courriel',
  IBAN: 'IBAN',
  NIR: 'NIR',
  JUDGEMENT: 'Décision de justice',
  QUASI_ID: 'Identifiant',
};
/** Labels whose placeholders are numbered, one number per person, address or parcel. */
const NUMBERED: ReadonlySet<Label> = new Set(['PERSON', 'ADDRESS', 'PARCEL']);

/** What makes two spans one entity: the person, or the same address or parcel written alike. */
function entityKey(text: string, span: Span): string {
  if (span.entity) return span.entity;
  if (span.label === 'PERSON') return `${span.start}`;
  return fold(text.slice(span.start, span.end)).replace(/[^a-z0-9]+/g, '');
}

export interface Pseudonymised {
  text: string;
  /** Entity id of each span (same order): "person-1", "address-2"… numbered by first appearance. */
  entities: string[];
}

/**
 * Replaces the redacted spans (sorted, not overlapping) by placeholders: "[Personne 1]",
 * "[Adresse 2]", "[Parcelle 1]" numbered per entity in order of appearance, "[Téléphone]" etc.
 */
export function pseudonymise(text: string, spans: readonly Span[]): Pseudonymised {
  const ids = new Map<string, string>();
  const numbers = new Map<string, number>();
  const counts = new Map<string, number>();
  const next = (counter: Map<string, number>, label: string): number => {
    const n = (counter.get(label) ?? 0) + 1;
    counter.set(label, n);
    return n;
  };
  const entities = spans.map((span) => {
    const key = `${span.label}:${entityKey(text, span)}`;
    let id = ids.get(key);
    if (!id) {
      id = `${span.label.toLowerCase().replace('_', '-')}-${next(counts, span.label)}`;
      ids.set(key, id);
    }
    return id;
  });
  const out: string[] = [];
  let at = 0;
  spans.forEach((span, k) => {
    if (span.action !== 'redact') return;
    const id = entities[k] ?? '';
    let placeholder = PLACEHOLDER_NAMES[span.label];
    if (NUMBERED.has(span.label)) {
      let n = numbers.get(id);
      if (n === undefined) {
        n = next(counts, `placeholder:${span.label}`);
        numbers.set(id, n);
      }
      placeholder = `${placeholder} ${n}`;
    }
    out.push(text.slice(at, span.start), `[${placeholder}]`);
    at = span.end;
  });
  out.push(text.slice(at));
  return { text: out.join(''), entities };
}
