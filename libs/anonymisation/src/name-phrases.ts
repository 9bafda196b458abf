import { NEVER_NAMES, NOT_NAMES, PARTICLES, isGivenName } from './gazetteer';
import type { Token } from './tokens';

/** Tokens and text a name is read from; `blocked` tokens belong to other spans (addresses…). */
export interface NameSource {
  text: string;
  tokens: readonly Token[];
  blocked: readonly boolean[];
}

/** A person's name as tokens [first, last] (inclusive). */
export interface NamePhrase {
  first: number;
  last: number;
}

/** The parts of a name, folded, that tell two mentions of one person. */
export interface NameParts {
  given: string[];
  surnames: string[];
  initials: string[];
}

/** Two capitals with no vowel: initials of compound given names ("JF GOURDIN"). */
function isInitials(t: Token): boolean {
  return t.shape === 'initial' || (t.shape === 'upper' && t.key.length === 2 && !/[aeiouy]/.test(t.key));
}

/** A capitalised word that can be part of a name; `inside` a name (or after a civility) common words can. */
function isNameWord(t: Token | undefined, inside = false): boolean {
  return !!t && (t.shape === 'upper' || t.shape === 'title') && !(inside ? NEVER_NAMES : NOT_NAMES).has(t.key) && !isInitials(t);
}

/** A token that may start a name: a capitalised word that is not a function word, or an initial. */
export function startsName(t: Token | undefined): boolean {
  return !!t && (isNameWord(t) || isInitials(t) || (PARTICLES.has(t.key) && t.shape === 'upper'));
}

/**
 * "de", "DE", "Le" inside a surname (a capitalised one, "Le Gall", only where a name starts or
 * after another particle: "de La Fontaine"), or an elided one: "D'ALMEIDA", "N'DIAYE", "O'Neill".
 */
function isParticleAt(src: NameSource, j: number, startsHere: boolean): boolean {
  const t = src.tokens[j];
  const next = src.tokens[j + 1];
  if (!t || !next || !isNameWord(next)) return false;
  const gap = src.text.slice(t.end, next.start);
  if (/^['’]$/.test(gap)) return /^[dlnom]$/.test(t.key);
  if (!PARTICLES.has(t.key)) return false;
  const afterParticle = PARTICLES.has(src.tokens[j - 1]?.key ?? '');
  return /^[ \t\u00a0]+$/.test(gap) && (t.shape !== 'title' || next.shape === 'upper' || startsHere || afterParticle);
}

/**
 * Reads the name that starts at token `i`: given names and surname in either order
 * ("Jean DUPONT", "DUPONT Jean", "Jean Dupont", "J. DUPONT", "JF GOURDIN", "Guy de DURFORT",
 * "DA SILVA Christophe", "Julien et Aurélie MASSON"), possibly broken over two lines.
 */
export function readName(src: NameSource, i: number, afterCivility = false): NamePhrase | undefined {
  const { text, tokens, blocked } = src;
  let last = -1;
  let upperSeen = false;
  let givenBeforeUpper = false;
  let titlesAfterUpper = 0;
  let titles = 0;
  let onlyGiven = true;
  for (let j = i; j < tokens.length && j < i + 7; j++) {
    const t = tokens[j];
    if (!t || blocked[j]) break;
    if (j > i) {
      const prev = tokens[j - 1];
      if (!prev) break;
      const gap = text.slice(prev.end, t.start);
      if (gap === "'" || gap === '’') {
        if (!isParticleAt(src, j - 1, false)) break;
      } else if (gap === '.' || gap === '. ') {
        if (!isInitials(prev)) break;
      } else if (gap.includes('\n')) {
        if (!/^[ \t\u00a0]*\r?\n[ \t\u00a0]*$/.test(gap)) break;
        const joins =
          PARTICLES.has(prev.key) ||
          (!upperSeen && t.shape === 'upper') ||
          (onlyGiven && isNameWord(t)) ||
          (upperSeen && t.shape === 'title' && isGivenName(t.key) && titlesAfterUpper === 0 && !givenBeforeUpper);
        if (!joins) break;
      } else if (!/^[ \t\u00a0]*$/.test(gap)) break;
    }
    if (isParticleAt(src, j, j === i)) continue;
    if (t.key === 'et' && onlyGiven && j > i) {
      const next = tokens[j + 1];
      if (next && next.shape === 'title' && isGivenName(next.key)) continue;
      break;
    }
    if (isInitials(t)) {
      if (upperSeen || titles > 0) break;
      continue;
    }
    if (t.shape === 'lower') break;
    if (!isNameWord(t, afterCivility || j > i)) break;
    if (t.shape === 'upper') {
      if (titlesAfterUpper > 0) break;
      if (!upperSeen) givenBeforeUpper = titles > 0;
      upperSeen = true;
    } else if (upperSeen) {
      if (givenBeforeUpper || titlesAfterUpper >= 2) break;
      titlesAfterUpper++;
    } else if (++titles > 3) break;
    if (!isGivenName(t.key)) onlyGiven = false;
    last = j;
  }
  return last >= i ? { first: i, last } : undefined;
}

/** Given names, surnames and initials of a name phrase (folded). */
export function nameParts(tokens: readonly Token[], phrase: NamePhrase): NameParts {
  const words: Token[] = [];
  const initials: string[] = [];
  for (let j = phrase.first; j <= phrase.last; j++) {
    const t = tokens[j];
    if (!t || PARTICLES.has(t.key) || t.key === 'et') continue;
    if (isInitials(t)) initials.push(...t.key.split(''));
    else words.push(t);
  }
  const hasUpper = words.some((t) => t.shape === 'upper');
  const hasTitle = words.some((t) => t.shape === 'title');
  let given: Token[];
  let surnames: Token[];
  if (hasUpper && hasTitle) {
    given = words.filter((t) => t.shape === 'title');
    surnames = words.filter((t) => t.shape === 'upper');
  } else {
    given = words.filter((t) => isGivenName(t.key));
    surnames = words.filter((t) => !isGivenName(t.key));
    if (surnames.length === 0) {
      surnames = given.slice(-1);
      given = given.slice(0, -1);
    }
  }
  return { given: given.map((t) => t.key), surnames: surnames.map((t) => t.key), initials };
}

/** Whether the phrase holds a known given name and a surname written in capitals. */
export function looksLikeFullName(tokens: readonly Token[], phrase: NamePhrase): 'strong' | 'weak' | undefined {
  const parts = nameParts(tokens, phrase);
  if (parts.given.length === 0 || parts.surnames.length === 0) return undefined;
  for (let j = phrase.first; j <= phrase.last; j++) {
    const t = tokens[j];
    if (t && t.shape === 'upper' && parts.surnames.includes(t.key)) return 'strong';
  }
  return 'weak';
}
