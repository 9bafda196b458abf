import { foldAligned, unwrap } from './text';

/** Written shape of a word: what tells a name ("DUPONT", "Jean", "J") from ordinary words. */
export type Shape = 'upper' | 'title' | 'lower' | 'initial' | 'number';

export interface Token {
  start: number;
  end: number;
  /** As written, a hyphenated line break joined ("Marie-Alice"). */
  text: string;
  /** Folded form (lower case, no diacritics) for look-ups. */
  key: string;
  shape: Shape;
}

// Words (letters, with inner hyphens, possibly split over a line by a hyphen) and digit runs.
const WORD = /[\p{L}\p{M}]+(?:-(?:\r?\n)?[\p{L}\p{M}]+)*|\p{N}+/gu;
// A lower-case letter followed by a capital: words glued by text extraction ("GuyVERDON").
const GLUE = /(?<=\p{Ll}\p{M}*)(?=\p{Lu})/u;
const HAS_GLUE = /\p{Ll}\p{M}*\p{Lu}/u;
const STARTS_WITH_DIGIT = /^\p{N}/u;
const STARTS_WITH_CAPITAL = /^\p{Lu}/u;
const HAS_LOWER = /\p{Ll}/u;
const SINGLE_LETTER = /^\p{L}\p{M}*$/u;

function shapeOf(word: string): Shape {
  if (STARTS_WITH_DIGIT.test(word)) return 'number';
  if (!STARTS_WITH_CAPITAL.test(word)) return 'lower';
  if (SINGLE_LETTER.test(word)) return 'initial';
  return HAS_LOWER.test(word) ? 'title' : 'upper';
}

/** Words and numbers of `text` with their offsets (JavaScript string indices); `folded` is `foldAligned(text)`. */
export function tokenize(text: string, folded = foldAligned(text)): Token[] {
  const tokens: Token[] = [];
  const push = (start: number, word: string): void => {
    const end = start + word.length;
    const wrapped = word.includes('\n');
    const key = folded.slice(start, end);
    tokens.push({ start, end, text: wrapped ? unwrap(word) : word, key: wrapped ? unwrap(key) : key, shape: shapeOf(word) });
  };
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const word = m[0];
    if (!HAS_GLUE.test(word)) {
      push(m.index, word);
      continue;
    }
    // "GuyVERDON" → "Guy" + "VERDON", "PierreLouis" → "Pierre" + "Louis"; not "McDonald"-like short heads.
    let offset = 0;
    for (const part of word.split(GLUE)) {
      if (offset > 0 && part.length < 2) {
        const last = tokens.pop();
        if (last) push(last.start, word.slice(last.start - m.index, offset + part.length));
      } else push(m.index + offset, part);
      offset += part.length;
    }
  }
  return tokens;
}
