import type { Span } from './spans';
import { foldAligned, windowAfter, windowBefore } from './text';

const CUE = /(?<![\p{L}])(?:parcelles?|terrains?|cadastr[ée]e?s?|cadastre|section|r[ée]f[ée]rences?\s+cadastrales?)(?![\p{L}])/giu;
// What may stand between a cue and the first reference: "de terrain", "n°", "cadastrée(s)", "section",
// a few lower-case words ("parcelle voisine AH 114", "appartenant à la commune cadastrée B1865").
const LEAD = /(?:[ \t\u00a0\n]|de\s+terrains?|cadastr[ée]e?s?|section|sise?s?|n°|no\.|num[ée]ros?|[:]|\p{Ll}[\p{Ll}'’-]{0,20}(?=[ \t\u00a0\n]))(?:[ \t\u00a0\n]|de\s+terrains?|cadastr[ée]e?s?|section|sise?s?|n°|no\.|num[ée]ros?|[:]|\p{Ll}[\p{Ll}'’-]{0,20}(?=[ \t\u00a0\n])){0,16}/uy;
// Section (1-2 capitals, or none after a section already read) and plot number: "B 2340", "YA 91", "AB n° 311".
// A trailing "p" marks part of a plot ("ZC 12p").
const REF = /(?<![\p{L}\p{N}])(?:([A-Z]{1,2})[ \t\u00a0]?(?:n°[ \t\u00a0]?)?)?(\d{1,5})p?(?![\p{L}\p{N}])/uy;
const LIST_SEPARATOR = /[ \t\u00a0\n]*(?:,|et|\/|&|-|–)[ \t\u00a0\n]*(?:et[ \t\u00a0\n]+)?(?:n°[ \t\u00a0]?)?/uy;
// Bare two-letter references, e.g. in a table row listing a private owner's address and plots.
const BARE_REF = /(?<=(?:^|[–,;:(-])[ \t\u00a0]?)(?!(?:RN|RD|CD|VC|CR|DM|PC|DP|PA|PD|CU|DE|DU|LE|LA|AU|EN|UN|NO|ET|OU)\b)[A-Z]{2}[ \t\u00a0]?\d{1,5}(?![\p{L}\p{N}])/gu;

/** Parcels of the commune (or State forest) are not personal data. */
const PUBLIC_OWNER = /(?:appartenant a la commune|de la commune|communale?s?|domaine (?:prive|public)|regime forestier|propriete de la commune|foret domaniale|de l'etat)/;

function readAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

function isPublic(folded: string, start: number, end: number): boolean {
  const before = windowBefore(folded, start, 120, /[.;!?](?:\s|$)|\n\s*\n/);
  const after = windowAfter(folded, end, 60, /[.;!?](?:\s|$)|\n/);
  return PUBLIC_OWNER.test(before) || /^[^,]{0,30}(?:regime forestier|appartenant a la commune)/.test(after);
}

/**
 * Cadastral references: after a cue ("parcelle(s)", "cadastrée(s)", "section"), a list of
 * section + number ("B2341, B2342 et B2356", "section ZA n° 12 et 13"); without a cue, two-letter
 * references on a line that also holds a private address.
 */
export function detectParcels(text: string, privateAddresses: readonly Span[], folded = foldAligned(text)): Span[] {
  const spans: Span[] = [];
  let readUpTo = 0;
  for (const cue of text.matchAll(CUE)) {
    if (cue.index < readUpTo) continue; // a cue inside the lead of the previous one: "parcelles cadastrées"
    let at = cue.index + cue[0].length;
    at += readAt(LEAD, text, at)?.[0].length ?? 0;
    readUpTo = at;
    let section: string | undefined;
    const found: Span[] = [];
    for (let ref = readAt(REF, text, at); ref; ref = readAt(REF, text, at)) {
      if (!ref[1] && !section) break;
      section = ref[1] ?? section;
      found.push({ start: ref.index, end: ref.index + ref[0].length, label: 'PARCEL', action: 'redact', confidence: 0.9 });
      at = ref.index + ref[0].length;
      const sep = readAt(LIST_SEPARATOR, text, at);
      if (!sep) break;
      at += sep[0].length;
    }
    const first = found[0];
    const last = found[found.length - 1];
    if (!first || !last) continue;
    const keep = isPublic(folded, first.start, last.end);
    for (const span of found) spans.push(keep ? { ...span, action: 'keep', confidence: 0.6 } : span);
  }
  for (const address of privateAddresses) {
    const lineStart = text.lastIndexOf('\n', address.start) + 1;
    const lineEnd = text.indexOf('\n', address.end);
    const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd);
    for (const m of line.matchAll(BARE_REF)) {
      const start = lineStart + m.index;
      spans.push({ start, end: start + m[0].length, label: 'PARCEL', action: 'redact', confidence: 0.7 });
    }
  }
  return spans;
}
