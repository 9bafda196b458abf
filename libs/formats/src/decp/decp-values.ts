import { siretIsValid } from '@openactes/domain';

/*
 * Readings of single values that break the DECP format but can be read in
 * only one way. Each returns undefined when the value cannot be repaired
 * without guessing; the record is then rejected, never patched.
 */

/** Stand-ins for "unknown" that producers and spreadsheets write instead of leaving a value out. */
const BLANKS = new Set(['', 'nc', 'nan', 'null', 'none', 'n/a']);

export function isBlank(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return Number.isNaN(value);
  return typeof value === 'string' && BLANKS.has(value.trim().toLowerCase());
}

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m !== null && isoDate(m[1], m[2], m[3]) === value;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const TIME = String.raw`(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?`;
const ZONE = String.raw`(?:Z|[+-]\d{2}:?\d{2})?`;

/**
 * `AAAA-MM-JJ` from `2019-1-5`, `2024-05-15T00:00:00+02:00`, `2024-05-15+02:00`
 * (the day as written: the time and zone are cut), `15/05/2024` (French order,
 * day first), `2024/05/15` and `September, 16 2021 00:00:00`.
 */
export function repairDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  let m = new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})${TIME}${ZONE}$`).exec(text);
  if (m) return isoDate(m[1], m[2], m[3]);
  m = new RegExp(`^(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})${TIME}$`).exec(text);
  if (m) return isoDate(m[3], m[2], m[1]);
  m = new RegExp(`^(\\d{4})/(\\d{1,2})/(\\d{1,2})${TIME}$`).exec(text);
  if (m) return isoDate(m[1], m[2], m[3]);
  m = /^([A-Za-z]+),? (\d{1,2}),? (\d{4})(?: \d{2}:\d{2}:\d{2})?$/.exec(text);
  const month = m ? MONTHS.indexOf(m[1].toLowerCase()) + 1 : 0;
  if (m && month > 0) return isoDate(m[3], String(month), m[2]);
  return undefined;
}

function isoDate(year: string, month: string, day: string): string | undefined {
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : undefined;
}

/**
 * A number written as text: `"575000"`, `"1 234,50"` (spaces, no-break spaces
 * between groups of three, decimal comma), `"1.234,50"`, `"12 000 € HT"`,
 * `"123456.89"`. `"1,234.50"` and groups of other sizes are ambiguous.
 */
export function parseAmount(value: string): number | undefined {
  let text = value
    .trim()
    .replace(/\s*(?:€|eur(?:os?)?)?\s*(?:ht|h\.t\.)?$/i, '')
    .trim();
  if (/^[+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?$/.test(text)) text = text.replace(/[ \u00a0\u202f]/g, '');
  if (/^[+-]?\d{1,3}(?:\.\d{3})+,\d+$/.test(text)) text = text.replace(/\./g, '');
  if (/^[+-]?\d+,\d+$/.test(text)) text = text.replace(',', '.');
  if (!/^[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(text)) return undefined;
  const number = Number(text);
  return Number.isFinite(number) ? number : undefined;
}

const TRUE_WORDS = new Set(['true', '1', 'oui', 'vrai']);
const FALSE_WORDS = new Set(['false', '0', 'non', 'faux']);

export function parseBoolean(value: unknown): boolean | undefined {
  const word = typeof value === 'number' || typeof value === 'string' ? String(value).trim().toLowerCase() : undefined;
  if (word !== undefined && TRUE_WORDS.has(word)) return true;
  if (word !== undefined && FALSE_WORDS.has(word)) return false;
  return undefined;
}

/** Older names of DECP values that mean exactly one current value. */
const ENUM_ALIASES: Readonly<Record<string, string>> = {
  'procedure concurrentielle avec negociation': 'Procédure avec négociation',
  'procedure negociee avec mise en concurrence prealable': 'Procédure avec négociation',
  'marche negocie sans publicite ni mise en concurrence prealable': 'Marché passé sans publicité ni mise en concurrence préalable',
  'procedure negociee sans publicite ni mise en concurrence prealable': 'Marché passé sans publicité ni mise en concurrence préalable',
  'marches subsequent': 'Marchés subséquents',
};

/** Lower case, no accents, `œ` as `oe`, one kind of apostrophe, hyphens and spaces alike. */
function enumKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`´]/g, "'")
    .replace(/[\s-]+/g, ' ')
    .trim();
}

/** The allowed value this text spells differently (`MARCHE`, `ferme`, `Maitrise d'oeuvre`), when exactly one matches. */
export function matchEnum(value: string, allowed: readonly unknown[]): string | undefined {
  const key = enumKey(value);
  const matches = allowed.filter((option): option is string => typeof option === 'string' && enumKey(option) === key);
  if (matches.length === 1) return matches[0];
  const alias = ENUM_ALIASES[key];
  return alias !== undefined && allowed.includes(alias) ? alias : undefined;
}

/**
 * 14 digits from `"552 100 554 00016"` (spaces, dots, no-break spaces) or from
 * a JSON number, left-padded only when the padded number passes the checksum
 * (a SIRET read as a number loses its leading zero). Decimals and scientific
 * notation (`2.18601946E13`) have lost digits: no repair.
 */
export function repairSiret(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const digits = value.replace(/[\s.\u00a0\u202f]/g, '');
    return /^\d{14}$/.test(digits) ? digits : undefined;
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) return undefined;
  const digits = String(value);
  if (digits.length === 14) return digits;
  const padded = digits.padStart(14, '0');
  return digits.length < 14 && siretIsValid(padded) ? padded : undefined;
}

/**
 * A CPV code as the schema wants it (8 digits, optional `-d` check digit) from
 * `"45000000 - 7"`, `"45000000-"`, `"45000000-7 Travaux de construction"` or the
 * number 3000000 (a leading zero lost: CPV divisions 03…). A short string is
 * not padded: a lost leading zero and a lost last digit cannot be told apart.
 */
export function repairCpv(value: unknown): string | undefined {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 1_000_000 || value > 99_999_999) return undefined;
    return String(value).padStart(8, '0');
  }
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{8})(?:\s*-\s*(\d)(?!\d))?(.*)$/s.exec(value.trim());
  if (!m) return undefined;
  const rest = m[3].trim();
  if (rest !== '' && rest !== '-' && !/^[-–:]?\s*\p{L}/u.test(rest)) return undefined;
  return m[2] === undefined ? m[1] : `${m[1]}-${m[2]}`;
}

/** Free text: NFC, no control characters (C0 and C1), line breaks and tabs as one space, trimmed. */
export function cleanText(value: string): string {
  return value
    .normalize('NFC')
    .replace(/\p{Cc}/gu, (control) => (control === '\t' || control === '\n' || control === '\r' ? control : ''))
    .replace(/[ \t\r\n]*[\t\r\n][ \t\r\n]*/g, ' ')
    .trim();
}
