const MARKS = /\p{M}+/gu;
const HYPHENATED_LINE_BREAK = /-\r?\n/g;

/** Lower case without diacritics, typographic apostrophes made straight: the form names and cues are compared in. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(MARKS, '').toLowerCase().replace(/[’‘`]/g, "'");
}

/** Folded form of each UTF-16 code unit below U+0250 that folding changes, one unit for one. */
const UNIT_FOLDS: readonly string[] = Array.from({ length: 0x250 }, (_, code) => {
  const ch = String.fromCharCode(code);
  const folded = fold(ch);
  return folded.length === 1 ? folded : ch.toLowerCase().length === 1 ? ch.toLowerCase() : ch;
});

/**
 * `fold` keeping every offset: the result has the length of `s` and its code unit i is the
 * folded code unit i of `s`, so offsets found in it are offsets in `s`. Letters beyond Latin
 * Extended-B are only lower-cased.
 */
export function foldAligned(s: string): string {
  const out: string[] = [];
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x41 || (code > 0x5a && code < 0xc0 && code !== 0x60)) continue;
    let folded: string;
    if (code < 0x250) folded = UNIT_FOLDS[code] ?? s[i] ?? '';
    else if (code === 0x2018 || code === 0x2019) folded = "'";
    else {
      const lower = (s[i] ?? '').toLowerCase();
      folded = lower.length === 1 ? lower : (s[i] ?? '');
    }
    if (folded === s[i]) continue;
    out.push(s.slice(from, i), folded);
    from = i + 1;
  }
  if (from === 0) return s;
  out.push(s.slice(from));
  return out.join('');
}

/** A word split over two lines by a hyphen ("Marie-\nAlice") in its written form. */
export function unwrap(s: string): string {
  return s.replace(HYPHENATED_LINE_BREAK, '-');
}

/** Text before `end` back to at most `size` characters, never across `stop`. */
export function windowBefore(text: string, end: number, size: number, stop?: RegExp): string {
  let w = text.slice(Math.max(0, end - size), end);
  if (stop) {
    const parts = w.split(stop);
    w = parts[parts.length - 1] ?? '';
  }
  return w;
}

/** Text after `start` up to at most `size` characters, never across `stop`. */
export function windowAfter(text: string, start: number, size: number, stop?: RegExp): string {
  const w = text.slice(start, start + size);
  if (!stop) return w;
  const m = stop.exec(w);
  return m ? w.slice(0, m.index) : w;
}
