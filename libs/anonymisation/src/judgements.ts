import type { Span } from './spans';

const MONTHS = 'janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre';
const DECISION = /(?<![\p{L}])(?:jugement|arr[êe]t|ordonnance)(?![\p{L}])/giu;

// Pieces a reference to a court decision is made of, read one after the other (sticky).
const DOCKET = /[ \t\u00a0]*,?[ \t\u00a0]*\(?[ \t\u00a0]*(?:(?:RG|req\.?)[ \t\u00a0]*(?:[nN]\s?°)?|[nN]\s?°|[nN]o\.|num[ée]ro)[ \t\u00a0]*[\dA-Z][\dA-Z/.-]{1,20}[\dA-Z]\)?/uy;
const DATE = new RegExp(String.raw`[ \t\u00a0\n]*(?:en\s+date\s+)?(?:du|le)?[ \t\u00a0]*(?:\d{1,2}(?:er)?\s+(?:${MONTHS})\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4})`, 'iuy');
const COURT = /[ \t\u00a0\n]*(?:du|de\s+la|de\s+l['’]|de|des|d['’])\s*(?:tribunal|cour|conseil|juge|chambre|pr[ée]sident)(?:\s+(?:administratif|administrative|judiciaire|de\s+police|correctionnel|d['’]instance|de\s+grande\s+instance|de\s+commerce|des\s+prud['’]hommes|d['’]appel|de\s+cassation|d['’][ée]tat|des\s+r[ée]f[ée]r[ée]s|civile|p[ée]nale))*(?:\s+(?:de|d['’])\s*\p{Lu}[\p{L}'’-]{1,30})?/uy;

function readAt(re: RegExp, text: string, at: number): number | undefined {
  re.lastIndex = at;
  const m = re.exec(text);
  return m && m[0].length > 0 ? at + m[0].length : undefined;
}

/**
 * References of court decisions ("jugement du tribunal de police de X du 14 mai 2023
 * (n° 23/00871)", "jugement n° 1801462 du 18 mars 2020"): from the word to the docket number
 * or date, whichever comes last. Only references carrying a docket number are spans; any
 * mention of a decision makes the document go to review (see sensitive cues).
 */
export function detectJudgements(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(DECISION)) {
    let at = m.index + m[0].length;
    let end = at;
    let docket = false;
    for (let step = 0; step < 6; step++) {
      const afterDocket = readAt(DOCKET, text, at);
      if (afterDocket !== undefined) {
        docket = true;
        at = end = afterDocket;
        continue;
      }
      const afterDate = readAt(DATE, text, at);
      if (afterDate !== undefined) {
        at = end = afterDate;
        continue;
      }
      const afterCourt = readAt(COURT, text, at);
      if (afterCourt === undefined) break;
      at = afterCourt;
    }
    if (docket) {
      spans.push({ start: m.index, end, label: 'JUDGEMENT', action: 'redact', confidence: 0.9, reviewReason: 'a court decision is referred to' });
    }
  }
  return spans;
}
