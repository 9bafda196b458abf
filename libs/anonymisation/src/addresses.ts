import type { Span } from './spans';
import { foldAligned, windowBefore } from './text';

const STREET_TYPES = [
  'rue', 'avenue', 'av\\.', 'bd', 'boulevard', 'chemin', 'impasse', 'all[ée]es?', 'route', 'place', 'quai', 'hameau', 'lieu-dit', 'lieudit',
  'sente', 'sentier', 'ruelle', 'square', 'r[ée]sidence', 'rond-point', 'cit[ée]', 'lotissement', 'clos', 'venelle', 'faubourg', 'mont[ée]e',
  'traverse', 'chauss[ée]e', 'esplanade', 'promenade', 'parvis', 'grande?\\s+rue', "grand['’]rue",
].join('|');

// House number (with a range or bis/ter), optional comma, street type.
const STREET_START = new RegExp(
  String.raw`(?<![\p{L}\p{N},.])(?<!(?:\ben|depuis|ann[ée]e|de|du|le)\s)(?:n°\s?)?\d{1,4}(?:\s?-\s?\d{1,4})?(?:\s?(?:bis|ter|quater|[A-D])(?![\p{L}]))?\s*,?\s+(?:${STREET_TYPES})(?![\p{L}])`,
  'giu',
);
// One word of a street name, with what separates it from the previous one.
const NAME_WORD = /([ \t\u00a0]+|[ \t\u00a0]*['’][ \t\u00a0]*|[ \t\u00a0]*\r?\n[ \t\u00a0]*)?([\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*|\d{1,4}(?!\d))/uy;
const MONTH = /^(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre)$/i;
const LINKS = new Set(['de', 'du', 'des', 'd', 'la', 'le', 'les', 'l', 'aux', 'au', 'a', 'à', 'sur', 'en', 'et', 'sous']);

/** End of the street name that starts at `at` ("des Grès", "du Bois d’Haucourt", "de la Monnaie"). */
function streetNameEnd(text: string, at: number): number {
  let end = at;
  let pos = at;
  let afterLink = true; // right after the street type, like after "de"
  let previous = '';
  for (let words = 0; words < 7; words++) {
    NAME_WORD.lastIndex = pos;
    const m = NAME_WORD.exec(text);
    if (!m) break;
    const gap = m[1] ?? '';
    const word = m[2] ?? '';
    if (words > 0 && gap === '') break;
    if (gap.includes('\n') && !afterLink) break;
    const link = LINKS.has(word.toLowerCase());
    const capitalised = /^[\p{Lu}\p{N}]/u.test(word);
    if (!link && !capitalised && !afterLink) break;
    if (/^\d/.test(word) && !afterLink && !MONTH.test(previous)) break; // "rue du 8 Mai 1945", not the amount that follows
    pos = NAME_WORD.lastIndex;
    previous = word;
    afterLink = link;
    if (!link) end = pos;
  }
  return end;
}

/** Addresses of public buildings, company seats and commune property are not personal data. */
const NOT_PRIVATE = /(?:si[eè]ge|appartenant a la commune|propriete (?:de la commune|communale)|communale?s?|mairie|hotel de ville|batiment public|zone d'activit)/;

/** Postal addresses: number + street type + street name (postcode and commune excluded). */
export function detectAddresses(text: string, folded = foldAligned(text)): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(STREET_START)) {
    const end = streetNameEnd(text, m.index + m[0].length);
    if (end === m.index + m[0].length) continue;
    const context = windowBefore(folded, m.index, 100, /[.;!?](?:\s|$)/);
    const keep = NOT_PRIVATE.test(context);
    spans.push({ start: m.index, end, label: 'ADDRESS', action: keep ? 'keep' : 'redact', confidence: keep ? 0.6 : 0.9 });
  }
  return spans;
}
