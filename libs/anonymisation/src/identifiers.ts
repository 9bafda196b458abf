import { IBAN_LENGTHS, ibanIsValid, nirIsValid } from './checksums';
import type { Span } from './spans';
import { fold, windowBefore } from './text';

// Every pattern here is anchored by a look-behind and uses bounded repetitions, so a scan
// stays linear in the size of the text whatever it holds.

// Read from each "@": the mailbox back from it, the domain on from it.
const MAILBOX_CHAR = /[\p{L}\p{N}._%+-]/u;
const EMAIL_FROM_START = /[\p{L}\p{N}][\p{L}\p{N}._%+-]{0,63}@[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,62}\.){1,8}[a-zA-Z]{2,24}(?![\p{L}\p{N}-])/uy;
/** Mailboxes of a service, not of a person. */
const GENERIC_MAILBOX = /^(?:mairie|contact|accueil|secretariat|info|infos|communication|urbanisme|etat-civil|courrier|services?|cabinet|direction|dgs|rh|compta|comptabilite|marches|webmaster|noreply|no-reply)(?:[._-][a-z0-9]+)?$/;

export function detectEmails(text: string): Span[] {
  const spans: Span[] = [];
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && at - start < 64 && MAILBOX_CHAR.test(text[start - 1] ?? '')) start--;
    while (start < at && !/[\p{L}\p{N}]/u.test(text[start] ?? '')) start++;
    EMAIL_FROM_START.lastIndex = start;
    const m = EMAIL_FROM_START.exec(text);
    if (!m) continue;
    const local = fold(m[0].split('@')[0] ?? '');
    const generic = GENERIC_MAILBOX.test(local);
    spans.push({ start, end: start + m[0].length, label: 'EMAIL', action: generic ? 'keep' : 'redact', confidence: generic ? 0.8 : 1 });
  }
  return spans;
}

const PHONE = /(?<![\p{N}+])(?:(?:\+33|0033)[ \u00a0.-]?(?:\(0\)[ \u00a0.-]?)?[1-9]|0[1-9])(?:[ \u00a0.-]?\d{2}){4}(?![\p{N}])/gu;

export function detectPhones(text: string): Span[] {
  return [...text.matchAll(PHONE)].map((m) => ({ start: m.index, end: m.index + m[0].length, label: 'PHONE', action: 'redact', confidence: 1 }));
}

const IBAN_CANDIDATE = /(?<![\p{L}\p{N}])([A-Z]{2})\d{2}(?:[ \u00a0]?[A-Z0-9]){10,34}/gu;
const IBAN_CUE = /(?:iban|rib|compte|virement)[^\n]{0,20}$/;

/** Offset in `text` just after the `count`-th letter or digit from `start` (spaces skipped). */
function afterAlphanumerics(text: string, start: number, count: number): number {
  let seen = 0;
  let i = start;
  while (i < text.length && seen < count) {
    if (/[A-Z0-9]/.test(text[i] ?? '')) seen++;
    i++;
  }
  return i;
}

export function detectIbans(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(IBAN_CANDIDATE)) {
    const compact = m[0].replace(/[ \u00a0]/g, '');
    const expected = IBAN_LENGTHS[m[1] ?? ''];
    const cued = IBAN_CUE.test(fold(windowBefore(text, m.index, 40)));
    if (expected === undefined && !cued) continue;
    const length = expected !== undefined && compact.length >= expected ? expected : compact.length;
    const end = afterAlphanumerics(text, m.index, length);
    const valid = ibanIsValid(compact.slice(0, length));
    if (!valid && !cued && expected === undefined) continue;
    spans.push({
      start: m.index,
      end,
      label: 'IBAN',
      action: 'redact',
      confidence: valid ? 1 : 0.6,
      reviewReason: valid ? undefined : 'an IBAN-like number has an invalid checksum',
    });
  }
  return spans;
}

// Sex, year, month, department (2A/2B in Corsica), commune, order number, optional key; with
// or without the usual spaces.
const NIR = /(?<![\p{L}\p{N}])[1-478][ \u00a0]?\d{2}[ \u00a0]?(?:0[1-9]|1[0-2]|[2-9]\d)[ \u00a0]?(?:\d{2}|2[AB])[ \u00a0]?\d{3}[ \u00a0]?\d{3}(?:[ \u00a0]?\d{2})?(?![\p{L}\p{N}])/gu;
const NIR_CUE = /(?:securite sociale|n\s*°?\s*ss|nir|insee|immatriculation)[^\n]{0,25}$/;

export function detectNirs(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(NIR)) {
    const compact = m[0].replace(/[ \u00a0]/g, '');
    const cued = NIR_CUE.test(fold(windowBefore(text, m.index, 50)));
    const spaced = compact.length !== m[0].length;
    const valid = compact.length === 15 && nirIsValid(compact);
    // A bare 13-digit number is a NIR only where the text says so; a 15-digit one in the
    // NIR layout looks like one even with a wrong key.
    if (!valid && !cued && !(spaced && compact.length === 15)) continue;
    spans.push({
      start: m.index,
      end: m.index + m[0].length,
      label: 'NIR',
      action: 'redact',
      confidence: valid ? 1 : 0.6,
      reviewReason: valid ? undefined : 'a social-security-like number has no valid key',
    });
  }
  return spans;
}

const MONTHS = 'janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre';
const DATE = String.raw`\d{1,2}[\/.-]\d{1,2}[\/.-]\d{2,4}|(?:1er|\d{1,2})\s+(?:${MONTHS})\s+\d{4}`;
const BIRTHDATE = new RegExp(
  String.raw`(?<![\p{L}])(?:n[ée]e?s?(?:\s*\(e\))?(?:\s+à\s+[^\n,;()]{1,40}?)?\s+(?:le|en)|date\s+de\s+naissance\s*:?|naissance\s*:)\s*(${DATE}|(?:19|20)\d{2})(?![\p{N}])`,
  'giud',
);

export function detectBirthdates(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(BIRTHDATE)) {
    const date = m.indices?.[1];
    if (date) spans.push({ start: date[0], end: date[1], label: 'BIRTHDATE', action: 'redact', confidence: 1 });
  }
  return spans;
}

// Planning permits and declarations: "PC 035 123 21 A0001", "PC 20 C 0041", "DP 20 P 0213".
const PERMIT = /(?<![\p{L}\p{N}])(?:PC|DP|PA|PD|CU|PCMI)[ \u00a0]?(?:n°[ \u00a0]?)?(?:\d{3}[ \u00a0]?\d{3}[ \u00a0]?)?\d{2}[ \u00a0]?[A-Z][ \u00a0]?\d{4}(?:[ \u00a0]?[A-Z]\d{0,2})?(?![\p{L}\p{N}])/gu;
// Cemetery plots: "carré C, emplacement n° 214".
const PLOT = /(?<![\p{L}])carr[ée]\s+[A-Z0-9]{1,3}\s*[,–-]?\s*(?:emplacement|tombe|rang|all[ée]e|case|n°|num[ée]ro)\s*(?:n°\s*)?[A-Z0-9]{1,5}(?![\p{L}\p{N}])/giu;
// A phrase that singles out one agent in a personnel matter.
const SINGLED_OUT_AGENT = /(?<![\p{L}])l['’]agent\s+(?:(?:partant|parti|partie|admise?|qui part|faisant valoir ses droits)\s+(?:en|à\s+la)\s+retraite|en\s+(?:arr[êe]t|cong[ée])\s+(?:de\s+)?(?:longue\s+)?maladie)[^.;,\n]{0,60}/giu;

export function detectQuasiIdentifiers(text: string): Span[] {
  const spans: Span[] = [];
  for (const re of [PERMIT, PLOT, SINGLED_OUT_AGENT]) {
    for (const m of text.matchAll(re)) {
      spans.push({ start: m.index, end: m.index + m[0].trimEnd().length, label: 'QUASI_ID', action: 'redact', confidence: 0.9 });
    }
  }
  return spans;
}
