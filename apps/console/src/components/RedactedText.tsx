import type { Correction, Entity } from '../api';
import { ENTITY_LABELS } from '../labels';

interface Span {
  start: number;
  end: number;
  label: string;
  redacted: boolean;
  /** Where the span comes from: the anonymiser, or a correction made here. */
  source: 'detected' | 'added';
}

/** The detected spans with the reviewer's corrections applied (a `keep` un-redacts, a `redact` adds). */
export function effectiveSpans(entities: Entity[], corrections: Correction[]): Span[] {
  const spans: Span[] = entities.map((e) => {
    const kept = corrections.find((c) => c.action === 'keep' && c.start === e.start && c.end === e.end);
    return { start: e.start, end: e.end, label: e.label, redacted: kept ? false : e.action === 'redact', source: 'detected' };
  });
  for (const c of corrections) {
    if (c.action === 'redact') spans.push({ start: c.start, end: c.end, label: c.label ?? 'PERSON', redacted: true, source: 'added' });
  }
  return spans.sort((a, b) => a.start - b.start);
}

/**
 * The original text, redacted spans highlighted. In review mode each redaction
 * is a button (click or Enter: keep it in clear / redact it again), and each
 * piece of text carries its offset so a mouse selection maps to the original text.
 */
export function RedactedText({ text, spans, onToggle }: { text: string; spans: Span[]; onToggle?: (span: Span) => void }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue; // overlapping detections: the first one wins on screen
    if (s.start > at) parts.push(plain(text, at, s.start));
    const words = text.slice(s.start, s.end);
    const label = ENTITY_LABELS[s.label] ?? s.label;
    const cls = `redaction ${s.redacted ? 'is-redacted' : 'is-kept'} ${s.source === 'added' ? 'is-added' : ''}`;
    const title = s.redacted ? `Masqué (${label})` : `Laissé en clair (${label})`;
    parts.push(
      onToggle ? (
        <button
          type="button"
          key={`s${s.start}`}
          className={cls}
          data-start={s.start}
          aria-pressed={s.redacted}
          aria-label={`${words} — ${title}. Activer pour ${s.redacted ? 'laisser en clair' : 'masquer'}.`}
          title={title}
          onClick={() => onToggle(s)}
        >
          {words}
        </button>
      ) : (
        <mark key={`s${s.start}`} className={cls} data-start={s.start} title={title}>
          {words}
          <span className="sr-only"> ({title})</span>
        </mark>
      ),
    );
    at = s.end;
  }
  if (at < text.length) parts.push(plain(text, at, text.length));
  return <div className="document-text">{parts}</div>;
}

function plain(text: string, start: number, end: number) {
  return (
    <span key={`t${start}`} data-start={start}>
      {text.slice(start, end)}
    </span>
  );
}

/** Offsets of the current mouse selection in the original text, when it lies within one plain piece. */
export function selectionOffsets(): { start: number; end: number } | null {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  const startEl = range.startContainer.parentElement;
  const endEl = range.endContainer.parentElement;
  if (!startEl?.dataset.start || !endEl?.dataset.start) return null;
  const start = Number(startEl.dataset.start) + range.startOffset;
  const end = Number(endEl.dataset.start) + range.endOffset;
  return end > start ? { start, end } : null;
}
