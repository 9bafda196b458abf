import { CIVILITIES, NOT_NAMES, PLURAL_CIVILITIES, PROFESSIONAL_CIVILITIES, isGivenName } from './gazetteer';
import { looksLikeFullName, nameParts, readName, startsName, type NameParts, type NamePhrase, type NameSource } from './name-phrases';
import type { Role } from './person-context';
import type { Person } from './person-linking';
import { rosterRegions } from './rosters';

export type Gender = 'm' | 'f' | 'couple';

/** How a mention was found. */
export type Source =
  | 'civility' // "M.", "Mme", "Monsieur et Madame"… before the name
  | 'roster' // in an attendance list
  | 'full-name' // a known given name and a surname in capitals, no cue
  | 'weak' // a given name and a capitalised word, no cue: a name only if the context says so
  | 'civil-status' // "née X", "veuve X", "consorts X", "héritiers X"
  | 'occulted' // a given name left next to a surname already occulted: "Monique E..."
  | 'propagated'; // a later occurrence of a private person's surname

/** A person's name found in the text, with what its context says. */
export interface Mention extends NameParts {
  start: number;
  end: number;
  first: number;
  last: number;
  /** Where the mention starts with its civility: its context is read around it. */
  cueStart: number;
  source: Source;
  gender?: Gender;
  /** What the context says the person is acting as; 'place': part of a place or building name. */
  role?: Role | 'place';
  /** An agent named in their own personnel matter. */
  personnelMatter?: boolean;
  /** "Jeanne DURAND née LEFEBVRE": the mention this maiden name belongs to. */
  maidenNameOf?: Mention;
  /** How strongly the context makes the person a private party. */
  privacy?: 'strong' | 'weak';
  candidates: Person[];
  action?: 'redact' | 'keep';
  confidence: number;
  reviewReason?: string;
}

const CIVIL_STATUS_CUES = new Set(['nee', 'veuve', 'consorts', 'heritiers', 'epoux', 'epouse', 'succession', 'indivision', 'famille']);
const CIVILITY_GAP = /^\.?[ \t\u00a0]*(?:\r?\n[ \t\u00a0]*)?$/;
const LIST_GAP = /^[ \t\u00a0]*(?:,|et|,[ \t\u00a0]*et)[ \t\u00a0\r\n]*$/;
const OCCULTED_MARK = /^[ \t\u00a0]?(?:\.{2,}|…)/;

interface Civility {
  /** Token index where the name starts. */
  next: number;
  gender?: Gender;
  plural: boolean;
  professional: boolean;
  start: number;
}

function civilityAt(src: NameSource, i: number): Civility | undefined {
  const { text, tokens } = src;
  const t = tokens[i];
  if (!t) return undefined;
  const plural = PLURAL_CIVILITIES.has(t.text);
  if (!plural && !CIVILITIES.has(t.text)) return undefined;
  let gender: Gender | undefined = plural ? PLURAL_CIVILITIES.get(t.text) : CIVILITIES.get(t.text);
  let j = i + 1;
  const conj = tokens[j];
  const other = tokens[j + 1];
  if (conj && other && (conj.key === 'et' || conj.key === 'ou') && (CIVILITIES.has(other.text) || PLURAL_CIVILITIES.has(other.text))) {
    gender = plural ? undefined : 'couple';
    j += 2;
  }
  const lastCivility = tokens[j - 1];
  const name = tokens[j];
  if (!lastCivility || !name) return undefined;
  const gap = text.slice(lastCivility.end, name.start);
  if (!CIVILITY_GAP.test(gap)) return undefined;
  if (t.text === 'M' && j === i + 1 && gap === '.') gender = undefined; // "M.RIGAUX": an initial as much as a civility
  return { next: j, gender, plural, professional: PROFESSIONAL_CIVILITIES.has(t.text), start: t.start };
}

function isOccultedMark(src: NameSource, j: number): boolean {
  const t = src.tokens[j];
  return !!t && t.shape === 'initial' && OCCULTED_MARK.test(src.text.slice(t.end, t.end + 4));
}

function occultedMarkEnd(src: NameSource, j: number): number {
  const t = src.tokens[j];
  const m = t ? OCCULTED_MARK.exec(src.text.slice(t.end, t.end + 4)) : null;
  return t ? t.end + (m?.[0].length ?? 0) : 0;
}

/** Reads the person mentions of a text: after civilities, in rosters, full names, civil-status cues. */
export class MentionReader {
  readonly mentions: Mention[] = [];
  private readonly inRoster: boolean[];

  constructor(private readonly src: NameSource) {
    this.inRoster = new Array<boolean>(src.tokens.length).fill(false);
    for (const region of rosterRegions(src.text, src.tokens)) {
      for (let k = region.from; k < region.to; k++) this.inRoster[k] = true;
    }
  }

  private add(phrase: NamePhrase, source: Source, cueStart: number, extra: Pick<Mention, 'gender' | 'role' | 'privacy'> = {}): Mention {
    const { tokens } = this.src;
    const parts = nameParts(tokens, phrase);
    const start = tokens[phrase.first]?.start ?? 0;
    const mention: Mention = {
      given: parts.given,
      surnames: parts.surnames,
      initials: parts.initials,
      start,
      end: tokens[phrase.last]?.end ?? start,
      first: phrase.first,
      last: phrase.last,
      cueStart: Math.min(cueStart, start),
      source,
      gender: extra.gender,
      role: extra.role ?? (this.inRoster[phrase.first] ? 'elected' : undefined),
      privacy: extra.privacy,
      candidates: [],
      confidence: 0,
    };
    this.mentions.push(mention);
    return mention;
  }

  /** Reads every mention; returns them in text order. */
  read(): Mention[] {
    const { tokens, blocked } = this.src;
    for (let i = 0; i < tokens.length; ) {
      i = blocked[i] ? i + 1 : this.readAt(i);
    }
    return this.mentions;
  }

  /** Reads what starts at token i; returns the index of the next token to look at. */
  private readAt(i: number): number {
    const { tokens } = this.src;
    const t = tokens[i];
    if (!t) return i + 1;
    const civility = civilityAt(this.src, i);
    if (civility) return this.readAfterCivility(civility, i);
    const residual = this.readResidualGivenName(i, t.start);
    if (residual !== undefined) return residual;
    if (CIVIL_STATUS_CUES.has(t.key) && startsName(tokens[i + 1])) {
      const phrase = readName(this.src, i + 1);
      if (phrase) {
        const previous = this.mentions[this.mentions.length - 1];
        const mention = this.add(phrase, 'civil-status', t.start, { privacy: 'strong' });
        if (t.key === 'nee' && previous && /^[ \t\u00a0,]*$/.test(this.src.text.slice(previous.end, t.start))) mention.maidenNameOf = previous;
        return phrase.last + 1;
      }
    }
    if (this.inRoster[i] && startsName(t)) {
      const phrase = readName(this.src, i);
      if (phrase) {
        this.add(phrase, 'roster', t.start);
        return phrase.last + 1;
      }
    }
    const next = tokens[i + 1];
    const mayStartFullName =
      (t.shape === 'title' && isGivenName(t.key)) || (t.shape === 'upper' && !!next && next.shape === 'title' && isGivenName(next.key));
    if (mayStartFullName && !NOT_NAMES.has(t.key)) {
      const phrase = readName(this.src, i);
      const kind = phrase && looksLikeFullName(tokens, phrase);
      if (phrase && kind) {
        this.add(phrase, kind === 'strong' ? 'full-name' : 'weak', t.start);
        return phrase.last + 1;
      }
    }
    return i + 1;
  }

  private readAfterCivility(civility: Civility, i: number): number {
    const { tokens, text } = this.src;
    if (isOccultedMark(this.src, civility.next)) return civility.next + 1;
    const residual = this.readResidualGivenName(civility.next, civility.start);
    if (residual !== undefined) return residual;
    const phrase = readName(this.src, civility.next, true);
    if (!phrase) return i + 1;
    const role = civility.professional ? 'professional' : undefined;
    this.add(phrase, 'civility', civility.start, { gender: civility.gender, role });
    let last = phrase.last;
    while (civility.plural) {
      const prev = tokens[last];
      const next = tokens[last + 1];
      if (!prev || !next || !LIST_GAP.test(text.slice(prev.end, next.start).replace(/et[ \t\u00a0]*$/, 'et'))) break;
      const start = next.key === 'et' ? last + 2 : last + 1;
      const more = startsName(tokens[start]) ? readName(this.src, start, true) : undefined;
      if (!more) break;
      this.add(more, 'civility', tokens[start]?.start ?? 0, { gender: civility.gender, role });
      last = more.last;
    }
    return last + 1;
  }

  /** "Monique E...": a given name left in clear next to an occulted surname. */
  private readResidualGivenName(i: number, cueStart: number): number | undefined {
    const t = this.src.tokens[i];
    if (!t || t.shape !== 'title' || !isGivenName(t.key) || !isOccultedMark(this.src, i + 1)) return undefined;
    const mention = this.add({ first: i, last: i + 1 }, 'occulted', cueStart, { privacy: 'strong' });
    mention.end = occultedMarkEnd(this.src, i + 1);
    return i + 2;
  }
}

