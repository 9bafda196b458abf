/** Where one page ends and the next begins in `NormalisedText.text`. */
export const PAGE_BREAK = '\n\f\n';

export interface PageSpan {
  /** 0-based page number */
  index: number;
  /** offset of the page's first character in `text` */
  start: number;
  /** offset just past the page's last character (the page break is outside) */
  end: number;
}

export interface NormalisedText {
  text: string;
  pages: PageSpan[];
}

/** How many lines at the top and at the bottom of a page may be running headers or footers. */
const MARGIN_LINES = 3;

/** Lines that are a page number wherever they are in a margin. */
const PAGE_LABELS = [
  /^(?:page|p\.)\s*\d{1,4}(?:\s*(?:\/|sur|of)\s*\d{1,4})?$/i, // Page 2, Page 2/3, page 2 sur 3
  /^[-–—]\s*\d{1,4}\s*[-–—]$/, // - 2 -
  /(?:^|\s)page\s*\d{1,4}\s*(?:\/|sur|of)\s*\d{1,4}$/i, // Délibération n° 2024_001 - page 1/2
];
/** "2" or "2/3": a page number only when it follows the page order ("71/2017" on page 1 is a decision number). */
const PAGE_ORDINAL = /^(\d{1,4})(?:\s*(?:\/|sur)\s*(\d{1,4}))?$/i;

function pageOrdinal(line: string): number | undefined {
  const m = PAGE_ORDINAL.exec(line);
  if (!m || (m[2] !== undefined && Number(m[1]) > Number(m[2]))) return undefined;
  return Number(m[1]);
}

/** Hyphenated compounds cut at a line end keep their hyphen when one side is one of these. */
const HYPHEN_FIRST_PARTS = new Set([
  'après', 'arrière', 'au', 'avant', 'beau', 'belle', 'c’est', "c'est", 'celle', 'celles', 'celui', 'ceux',
  'chef', 'contre', 'demi', 'dix', 'ex', 'grand', 'grande', 'haut', 'mi', 'non', 'peut', 'porte', 'quasi',
  'quatre', 'semi', 'sous', 'vice', 'vingt', 'trente', 'quarante', 'cinquante', 'soixante',
]);
const HYPHEN_SECOND_PARTS = new Set([
  'ci', 'là', 'même', 'mêmes', 'être', 'dessus', 'dessous', 'delà', 'dire', 't', 'il', 'ils', 'elle', 'elles', 'on',
]);

/**
 * Per-page text from a PDF made fit for reading and searching: NFC; one kind of
 * space; no control or zero-width characters; page numbers and running headers
 * and footers removed; words cut by a hyphen at a line end joined again. Every
 * page keeps its span in the result, so an offset maps back to its page.
 *
 * A running header or footer is a line of the top or bottom margin that recurs,
 * digits aside, on more than half of the pages (at least two). Its first
 * occurrence is kept when it carries no page number: it often holds the only
 * mention of the collectivity or the session.
 */
export function normaliseDocumentText(rawPages: string[]): NormalisedText {
  const pages = rawPages.map(pageLines);
  removePageFurniture(pages);
  joinHyphenatedWords(pages);

  const out: PageSpan[] = [];
  let text = '';
  pages.forEach((lines, index) => {
    if (index) text += PAGE_BREAK;
    const start = text.length;
    text += lines.join('\n');
    out.push({ index, start, end: text.length });
  });
  return { text, pages: out };
}

/** The page (0-based) holding `offset`; a page break belongs to the page before it. */
export function pageAt({ pages }: NormalisedText, offset: number): number {
  let lo = 0;
  let hi = pages.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pages[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** C0 and C1 controls but tab and line ends: no text has them, a broken font may. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g;

/** Clean lines of one page, without leading, trailing or repeated blank lines. */
function pageLines(raw: string): string[] {
  const clean = raw
    .normalize('NFC')
    .replace(/\r\n?|[\f\v\u2028\u2029]/g, '\n')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(CONTROL, '\ufffd')
    .replace(/\u00ad\n/g, '-\n')
    .replace(/\u00ad/g, '')
    .replace(/[\t\p{Zs}]+/gu, ' ');
  const lines: string[] = [];
  for (const line of clean.split('\n')) {
    const trimmed = line.trim();
    if (trimmed || (lines.length && lines[lines.length - 1])) lines.push(trimmed);
  }
  if (lines.length && !lines[lines.length - 1]) lines.pop();
  return lines;
}

/** Indexes of the lines in the top and bottom margins of a page. */
function marginIndexes(lines: string[]): number[] {
  const top: number[] = [];
  for (let i = 0; i < lines.length && top.length < MARGIN_LINES; i++) if (lines[i]) top.push(i);
  const bottom: number[] = [];
  for (let i = lines.length - 1; i > (top[top.length - 1] ?? -1) && bottom.length < MARGIN_LINES; i--) if (lines[i]) bottom.unshift(i);
  return [...top, ...bottom];
}

const furnitureKey = (line: string) => line.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ');

function removePageFurniture(pages: string[][]): void {
  const margins = pages.map(marginIndexes);

  // Ordinals follow the page order from 1, or from any number on two pages at least.
  const ordinalOffsets = new Map<number, number>();
  margins.forEach((indexes, page) => {
    for (const i of new Set(indexes)) {
      const ordinal = pageOrdinal(pages[page][i]);
      if (ordinal !== undefined) ordinalOffsets.set(ordinal - page, (ordinalOffsets.get(ordinal - page) ?? 0) + 1);
    }
  });
  const isPageNumber = (line: string, page: number) => {
    if (PAGE_LABELS.some((re) => re.test(line))) return true;
    const ordinal = pageOrdinal(line);
    return ordinal !== undefined && (ordinal === page + 1 || (ordinalOffsets.get(ordinal - page) ?? 0) >= 2);
  };

  const pagesWithKey = new Map<string, number>();
  margins.forEach((indexes, page) => {
    for (const key of new Set(indexes.map((i) => furnitureKey(pages[page][i])))) {
      pagesWithKey.set(key, (pagesWithKey.get(key) ?? 0) + 1);
    }
  });
  const recurs = (key: string) => {
    const count = pagesWithKey.get(key) ?? 0;
    return count >= 2 && count > pages.length / 2 && /[\p{L}\d#]{3}/u.test(key);
  };

  const seen = new Set<string>();
  margins.forEach((indexes, page) => {
    const drop = new Set<number>();
    for (const i of indexes) {
      const line = pages[page][i];
      const key = furnitureKey(line);
      if (isPageNumber(line, page)) drop.add(i);
      else if (recurs(key)) {
        if (seen.has(key)) drop.add(i);
        seen.add(key);
      }
    }
    if (drop.size) pages[page] = tidyBlankLines(pages[page].filter((_, i) => !drop.has(i)));
  });
}

function tidyBlankLines(lines: string[]): string[] {
  const out = lines.filter((line, i) => line || (i > 0 && lines[i - 1]));
  while (out.length && !out[0]) out.shift();
  while (out.length && !out[out.length - 1]) out.pop();
  return out;
}

const LINE_END_HYPHEN = /([\p{L}\p{N}][\p{L}\p{N}'’]*)-$/u;
/** The word that completes a cut one, with the punctuation glued to it. */
const NEXT_LINE_WORD = /^([\p{L}\p{N}]+)\S*/u;

/** Whether the hyphen of `first-` + `second` is part of the word rather than a line-break hyphen. */
function keepsHyphen(first: string, second: string): boolean {
  if (!/^\p{Ll}/u.test(second) || !/\p{L}$/u.test(first)) return true;
  return HYPHEN_FIRST_PARTS.has(first.toLowerCase()) || HYPHEN_SECOND_PARTS.has(second.toLowerCase());
}

/**
 * "dé-" + "libération" → "délibération", "Saint-" + "Malo" → "Saint-Malo". The
 * completed word stays on the line (or page) where it starts; the rest of the
 * next line stays on its own line.
 */
function joinHyphenatedWords(pages: string[][]): void {
  pages.forEach((lines, page) => {
    for (let i = 0; i < lines.length; i++) {
      const cut = lines[i].endsWith('-') ? LINE_END_HYPHEN.exec(lines[i].slice(-64)) : null;
      if (!cut) continue;
      const [nextLines, j] = i + 1 < lines.length ? [lines, i + 1] : [pages[page + 1], 0];
      const word = nextLines?.[j] !== undefined ? NEXT_LINE_WORD.exec(nextLines[j]) : null;
      if (!word) continue;
      const joint = keepsHyphen(cut[1], word[1]) ? '-' : '';
      lines[i] = lines[i].slice(0, -1) + joint + word[0];
      nextLines[j] = nextLines[j].slice(word[0].length).trim();
      if (!nextLines[j]) nextLines.splice(j, 1);
    }
  });
}
