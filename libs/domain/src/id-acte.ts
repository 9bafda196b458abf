import { provisionalActKey } from './act-status';

/** The parts of an IDActe, `{departement}-{SIREN}-{YYYYMMDD}-{NumeroInterne}-{nature}`. */
export interface IdActeParts {
  departement: string;
  siren: string;
  /** Decision date, YYYY-MM-DD. */
  date: string;
  numeroInterne: string;
  /** Two capital letters, e.g. 'DE'. */
  nature: string;
}

// The number is whatever lies between the date and the nature, so that a drifting NumeroInterne still parses.
const LENIENT = /^([09]\d[\dAB])-(\d{9})-(\d{4})(\d{2})(\d{2})-(.+)-(\p{Lu}{2})$/u;
// actesv1_1.xsd, attribute IDActe.
const STRICT = /^[09]\d[\dAB]-\d{9}-\d{8}-[a-zA-Z0-9_]{1,15}-\p{Lu}{2}$/u;

/** Parts of an IDActe, or null when it is not one (tolerates a NumeroInterne the XSD would refuse). */
export function parseIdActe(idActe: string): IdActeParts | null {
  const match = LENIENT.exec(idActe.trim());
  if (!match) return null;
  const [, departement, siren, y, m, d, numeroInterne, nature] = match;
  const day = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (day.getUTCFullYear() !== Number(y) || day.getUTCMonth() !== Number(m) - 1 || day.getUTCDate() !== Number(d)) return null;
  return { departement, siren, date: `${y}-${m}-${d}`, numeroInterne, nature };
}

/** Whether the IDActe matches the XSD pattern exactly. */
export function isStrictIdActe(idActe: string): boolean {
  return STRICT.test(idActe) && parseIdActe(idActe) !== null;
}

export function formatIdActe(parts: IdActeParts): string {
  return `${parts.departement}-${parts.siren}-${parts.date.replaceAll('-', '')}-${parts.numeroInterne}-${parts.nature}`;
}

/** Whether the prefecture's IDActe designates the act registered under this provisional key. */
export function idActeMatchesProvisionalKey(idActe: string, provisionalKey: string): boolean {
  const parts = parseIdActe(idActe);
  return parts !== null && provisionalActKey(parts) === provisionalKey;
}
