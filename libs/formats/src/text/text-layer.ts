export interface PageTextLayer {
  /** 0-based page number */
  index: number;
  /** non-space characters */
  characters: number;
  /** Latin letters */
  letters: number;
  /** characters that cannot be French text: U+FFFD, controls, private use, non-Latin letters, pictographs */
  garbage: number;
}

export interface TextLayerMeasure {
  pages: PageTextLayer[];
  charactersPerPage: number;
  /** Pages with fewer than `MIN_LETTERS_PER_PAGE` letters: blank or scanned. */
  sparsePages: number[];
  sparsePageShare: number;
  /** garbage / characters over the document */
  garbageRatio: number;
  /** share of words that are common French words; near 0 when a font maps glyphs to the wrong letters */
  frenchWordShare: number;
  /** The text layer cannot be trusted: the document should go through OCR. */
  needsOcr: boolean;
}

/**
 * Fewer letters than this on a page means no real text layer. A scan may still
 * carry a few text lines (a transmission stamp, an OCR'd title): they stay
 * under it, while a typed page of an act holds well over a thousand letters.
 */
export const MIN_LETTERS_PER_PAGE = 200;
const MAX_SPARSE_PAGE_SHARE = 0.5;
const MAX_GARBAGE_RATIO = 0.1;
const MIN_FRENCH_WORD_SHARE = 0.05;
/** Below this many words the French-word share says nothing. */
const MIN_WORDS_FOR_LANGUAGE = 50;

const FRENCH_WORDS = new Set(
  (
    'le la les l un une des de du d et à au aux en dans par pour sur avec sans sous ne pas que qui qu ' +
    'ce cette ces son sa ses il elle ils est sont a ont été être leur leurs se plus ou où'
  ).split(' '),
);

const SPACE = 1;
const LETTER = 2;
const GARBAGE = 4;
/** part of a word: any letter, Latin or not */
const WORD = 8;
/** Usual bullets and signs, though they are pictographs (\p{So}). */
const USUAL_SIGNS = new Set('°©®™▪■□●○►✓✔☐☑➢❖');
const kinds = new Map<number, number>();

/** What a character is (by code point), cached: documents use few distinct characters. */
function kindOf(codePoint: number): number {
  let kind = kinds.get(codePoint);
  if (kind === undefined) {
    const ch = String.fromCodePoint(codePoint);
    if (/\s/u.test(ch)) kind = SPACE;
    else if (/\p{L}/u.test(ch)) kind = WORD | (/\p{Script=Latin}/u.test(ch) ? LETTER : GARBAGE);
    else if (/[\ufffd\p{Cc}\p{Co}\p{Cs}]/u.test(ch) || (/\p{So}/u.test(ch) && !USUAL_SIGNS.has(ch))) kind = GARBAGE;
    else kind = 0;
    kinds.set(codePoint, kind);
  }
  return kind;
}
const ASCII_KINDS = Array.from({ length: 128 }, (_, code) => kindOf(code));

function measurePage(text: string, index: number) {
  let characters = 0;
  let letters = 0;
  let garbage = 0;
  let words = 0;
  let frenchWords = 0;
  let wordStart = -1;
  const endWord = (end: number) => {
    words++;
    if (end - wordStart <= 5 && FRENCH_WORDS.has(text.slice(wordStart, end).toLowerCase())) frenchWords++;
    wordStart = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const codePoint = text.codePointAt(i)!;
    const kind = codePoint < 128 ? ASCII_KINDS[codePoint] : kindOf(codePoint);
    if (!(kind & SPACE)) characters++;
    if (kind & LETTER) letters++;
    if (kind & GARBAGE) garbage++;
    if (kind & WORD) {
      if (wordStart < 0) wordStart = i;
    } else if (wordStart >= 0) endWord(i);
    if (codePoint > 0xffff) i++;
  }
  if (wordStart >= 0) endWord(text.length);
  return { page: { index, characters, letters, garbage }, words, frenchWords };
}

/**
 * How usable the text layer of a PDF is, page by page and for the document:
 * scans without OCR give (almost) no letters, broken font encodings give
 * garbage characters or letters that spell no French word.
 */
export function measureTextLayer(pageTexts: string[]): TextLayerMeasure {
  const measured = pageTexts.map(measurePage);
  const pages = measured.map((m) => m.page);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const characters = sum(pages.map((p) => p.characters));
  const garbage = sum(pages.map((p) => p.garbage));
  const words = sum(measured.map((m) => m.words));
  const frenchWords = sum(measured.map((m) => m.frenchWords));
  const sparsePages = pages.filter((p) => p.letters < MIN_LETTERS_PER_PAGE).map((p) => p.index);
  const sparsePageShare = pages.length ? sparsePages.length / pages.length : 1;
  const garbageRatio = characters ? garbage / characters : 0;
  const frenchWordShare = words ? frenchWords / words : 0;
  const needsOcr =
    sparsePageShare > MAX_SPARSE_PAGE_SHARE ||
    garbageRatio > MAX_GARBAGE_RATIO ||
    (words >= MIN_WORDS_FOR_LANGUAGE && frenchWordShare < MIN_FRENCH_WORD_SHARE);
  return {
    pages,
    charactersPerPage: pages.length ? characters / pages.length : 0,
    sparsePages,
    sparsePageShare,
    garbageRatio,
    frenchWordShare,
    needsOcr,
  };
}
