import { CIVILITIES, NOT_NAMES, PLURAL_CIVILITIES } from './gazetteer';
import { fold } from './text';
import type { Token } from './tokens';

/** A run of tokens [from, to) listing members of the assembly: their names are kept. */
export interface Region {
  from: number;
  to: number;
}

// "Présents :", "Etaient absents et excusés :", "Absents ayant donné procuration à :",
// "Secrétaire de séance :", "Pouvoirs :", "Invités :", "Rapporteur :", "Titulaires :".
// Vote lists name councillors too: "Pour : 12 (M. X, Mme Y)", "Ont voté contre : …", "Abstentions : …".
const HEADER = /(?<![\p{L}])(pr[ée]sent|pouvoir|procuration|absent|excus[ée]|secr[ée]taire|secr[ée]tariat|invit[ée]|titulaire|suppl[ée]ant|rapporteur|membres\s+pr[ée]sents|assistaient|pour|contre|abstention|ont\s+vot[ée]|se\s+sont\s+abstenus)[\p{L}()]*([^\n:.]{0,50}):|sous\s+la\s+pr[ée]sidence\s+d[eu]/giu;
// The header row of an attendance table: "NOM Prénom | Présent | Absent | Pouvoir à".
const TABLE_HEADER = /^[^\n]{0,80}(?<![\p{L}])pr[ée]sente?s?(?![\p{L}])[^\n]{0,80}(?<![\p{L}])(?:absente?s?|excus[ée]e?s?|pouvoirs?|procurations?)(?![\p{L}])[^\n:]{0,80}$/gimu;
const HEADER_WORDS = new Set(
  ['et', 'excuse', 'excusee', 'excuses', 'excusees', 'represente', 'representee', 'representes', 'representees', 'avec', 'pouvoir', 'pouvoirs',
    'ayant', 'donne', 'donnee', 'procuration', 'procurations', 'a', 'de', 'seance', 'membres', 'absent', 'absente', 'absents', 'absentes', 's', 'e', 'es', 'ou', 'non',
    'egalement', 'pour', 'contre', 'vote', 'ont'],
);
/** Words that belong in a roster between names: they neither add to nor break a run of prose. */
const FILLER = new Set(
  [
    'a', 'au', 'aux', 'et', 'ou', 'de', 'du', 'des', 'd', 'la', 'le', 'les', 'l', 'en', 'par', 'pour', 'son', 'sa', 'ses', 'leur', 'un', 'une', 'avec',
    'excuse', 'excusee', 'excuses', 'excusees', 'absent', 'absente', 'absents', 'absentes', 'represente', 'representee', 'representes',
    'representees', 'donne', 'donnee', 'pouvoir', 'pouvoirs', 'procuration', 'procurations', 'arrive', 'arrivee', 'depart', 'partie', 'parti',
    'quitte', 'seance', 'jusqu', 'h', 'heures', 'heure', 'min', 'minutes', 'maire', 'adjoint', 'adjointe', 'conseiller', 'conseillere', 'conseillers',
    'municipal', 'municipale', 'municipaux', 'communautaire', 'delegue', 'deleguee', 'titulaire', 'titulaires', 'suppleant', 'suppleante',
    'president', 'presidente', 'vice', 'secretaire', 'ayant', 'sans', 'puis', 'partir', 'compter', 'membre', 'membres', 'er', 'e', 'eme', 'ere',
    'mmes', 'mm', 'm', 'mme', 'melle', 'mlle', 'mr', 'point', 'points', 'vote', 'lors', 'pendant', 'apres', 'avant', 'sortie', 'retour',
  ],
);
const MAX_REGION_CHARS = 4000;
/** Words a roster line may start with when it goes on from the previous one. */
const LINKING_WORDS = new Set(['et', 'a', 'ou']);
/** After a blank line, a list goes on with lines like "Mme X donne procuration à M. Y,". */
const CONTINUED_LIST = /^(?:M|Mme|Mlle|Monsieur|Madame|MM|Mmes)\.?\s[^\n]*(?:pouvoir|procuration|excus|absent|repr[ée]sent|,\s*$)/mu;

/** A new line goes on with the list when it starts with a bullet, a civility, a name or a roster word ("1. Vente…" does not). */
function continuesRoster(t: Token, gap: string): boolean {
  if (/[-–•▪*][ \t\u00a0]*$/.test(gap.slice(gap.lastIndexOf('\n')))) return true;
  if (CIVILITIES.has(t.text) || PLURAL_CIVILITIES.has(t.text) || LINKING_WORDS.has(t.key)) return true;
  return (t.shape === 'upper' || t.shape === 'title' || t.shape === 'initial') && !NOT_NAMES.has(t.key);
}

function isHeader(m: RegExpExecArray): boolean {
  if (m[1] === undefined) return true; // "sous la présidence de"
  const words = fold(m[2] ?? '').split(/[^a-z]+/).filter(Boolean);
  return words.length <= 6 && words.every((w) => HEADER_WORDS.has(w));
}

/**
 * The attendance lists of the minutes: from each header to where prose starts again (two
 * words that are neither names nor roster words, cut back to the segment they start), a
 * blank line after names, the next header, or the end of the text. One pass over the tokens.
 */
export function rosterRegions(text: string, tokens: readonly Token[]): Region[] {
  const headers = [
    ...[...text.matchAll(HEADER)].filter(isHeader).map((m) => m.index + m[0].length),
    ...[...text.matchAll(TABLE_HEADER)].map((m) => m.index + m[0].length),
  ].sort((a, b) => a - b);
  const regions: Region[] = [];
  let h = 0;
  let open: { from: number; headerEnd: number; names: number; prose: number; proseFrom: number; segment: number; depth: number; previousEnd: number } | undefined;
  const close = (to: number): void => {
    if (open && to > open.from) regions.push({ from: open.from, to });
    open = undefined;
  };
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (!t) break;
    let headerEnd: number | undefined;
    while (h < headers.length && (headers[h] ?? 0) <= t.start) headerEnd = headers[h++];
    if (headerEnd !== undefined) {
      close(k);
      open = { from: k, headerEnd, names: 0, prose: 0, proseFrom: k, segment: k, depth: 0, previousEnd: headerEnd };
    }
    const r = open;
    if (!r) continue;
    if (t.start - r.headerEnd > MAX_REGION_CHARS) {
      close(k);
      continue;
    }
    const gap = text.slice(r.previousEnd, t.start);
    r.previousEnd = t.end;
    if (r.names > 0 && /\n[ \t\u00a0]*\r?\n/.test(gap) && !CONTINUED_LIST.test(text.slice(t.start, t.start + 200))) {
      close(k);
      continue;
    }
    if (r.names > 0 && r.depth === 0 && gap.includes('\n') && !continuesRoster(t, gap)) {
      close(k);
      continue;
    }
    for (const ch of gap) r.depth = ch === '(' ? r.depth + 1 : ch === ')' ? Math.max(0, r.depth - 1) : r.depth;
    const previous = tokens[k - 1];
    const abbreviation = !!previous && (CIVILITIES.has(previous.text) || PLURAL_CIVILITIES.has(previous.text) || previous.shape === 'initial');
    if (/[\n,;:–]|(?:^|\s)-/.test(gap) || (gap.includes('.') && !abbreviation)) r.segment = k;
    if (r.depth > 0 || t.shape === 'number' || FILLER.has(t.key)) continue;
    if (CIVILITIES.has(t.text) || PLURAL_CIVILITIES.has(t.text)) continue;
    if (t.shape !== 'lower') {
      if (!NOT_NAMES.has(t.key)) {
        r.names++;
        r.prose = 0;
      }
      continue;
    }
    if (r.prose === 0) r.proseFrom = r.segment;
    if (++r.prose >= 2) close(r.proseFrom);
  }
  close(tokens.length);
  return regions;
}
