import { byStart, overlaps, type Label, type Span } from './spans';

/** A reviewer's correction of the detected spans, in JavaScript string indices of the input text. */
export interface SpanCorrection {
  start: number;
  end: number;
  action: 'redact' | 'keep';
  /** The placeholder's kind for an added redaction; PERSON when not said. */
  label?: Label;
}

const WORD = /[\p{L}\p{N}]/u;

/** Every occurrence of `needle` in `text` that starts and ends on a word boundary. */
function occurrences(text: string, needle: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  if (!needle.trim()) return found;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    const end = at + needle.length;
    const before = text[at - 1];
    const after = text[end];
    const bounded = !(before && WORD.test(before) && WORD.test(needle[0]!)) && !(after && WORD.test(after) && WORD.test(needle[needle.length - 1]!));
    if (bounded) found.push({ start: at, end });
  }
  return found;
}

/**
 * Applies a reviewer's corrections to the detected spans: `keep` un-redacts what it covers;
 * `redact` adds a redaction there and wherever the same words appear again (one clear
 * mention would undo the others), merged with the redactions it overlaps.
 */
export function applyCorrections(text: string, spans: readonly Span[], corrections: readonly SpanCorrection[]): Span[] {
  const keeps = corrections.filter((c) => c.action === 'keep');
  let result: Span[] = spans.map((s) =>
    s.action === 'redact' && keeps.some((k) => overlaps(k, s)) ? { ...s, action: 'keep', confidence: 1, reviewReason: undefined } : s,
  );
  corrections.forEach((c, k) => {
    if (c.action !== 'redact') return;
    const label = c.label ?? 'PERSON';
    for (const occurrence of occurrences(text, text.slice(c.start, c.end))) {
      const isTheCorrection = occurrence.start === c.start;
      if (!isTheCorrection && keeps.some((keep) => overlaps(keep, occurrence))) continue;
      const overlapped = result.filter((s) => overlaps(s, occurrence));
      if (overlapped.some((s) => s.action === 'redact' && s.start <= occurrence.start && s.end >= occurrence.end)) continue;
      const merged = overlapped.filter((s) => s.action === 'redact');
      const start = Math.min(occurrence.start, ...merged.map((s) => s.start));
      const end = Math.max(occurrence.end, ...merged.map((s) => s.end));
      result = result.filter((s) => !overlaps(s, { start, end }));
      result.push({ start, end, label, action: 'redact', confidence: 1, entity: `correction-${k}` });
    }
  });
  return result.sort(byStart);
}

/** What is wrong with a reviewer's corrections over a text of `length` characters (empty when they can be applied). */
export function correctionProblems(corrections: readonly { start: number; end: number }[], length: number): { index: number; problem: string }[] {
  const problems: { index: number; problem: string }[] = [];
  corrections.forEach((c, index) => {
    if (!Number.isInteger(c.start) || !Number.isInteger(c.end) || c.start < 0 || c.end <= c.start || c.end > length) {
      problems.push({ index, problem: `span [${c.start}, ${c.end}) is not within the text (0 to ${length}, end after start)` });
    }
  });
  const sorted = corrections.map((c, index) => ({ ...c, index })).sort((a, b) => a.start - b.start);
  for (let k = 1; k < sorted.length; k++) {
    const [a, b] = [sorted[k - 1]!, sorted[k]!];
    if (b.start < a.end) problems.push({ index: b.index, problem: `span [${b.start}, ${b.end}) overlaps correction ${a.index} [${a.start}, ${a.end})` });
  }
  return problems;
}
