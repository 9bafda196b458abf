/** A labelled span of the anon-dev corpus (see shared/corpus/anon-dev/README.md). */
export interface GoldSpan {
  start: number;
  end: number;
  label: string;
  role: string;
  action: 'redact' | 'keep';
  entity: string;
}

export interface GoldDocument {
  id: string;
  text: string;
  spans: GoldSpan[];
}

/** What a system redacted (or replaced) in one document, in offsets of its input text. */
export interface Prediction {
  ranges: readonly { start: number; end: number }[];
}

export interface Ratio {
  hits: number;
  total: number;
}

export interface AnonymisationMetrics {
  /** Gold redact spans fully covered, per label and overall ('ALL'). */
  recall: Record<string, Ratio>;
  /** Redact characters (non-whitespace) covered, for diagnosis. */
  charRecall: Ratio;
  /** Private entities with a PERSON mention not fully covered. */
  personLeak: Ratio;
  /** Private entities with any redact span not fully covered. */
  entityDataLeak: Ratio;
  /** Documents with no redact span left uncovered. */
  leakFreeDocuments: Ratio;
  /** Keep spans touched by a redaction, per role and overall ('ALL'). */
  keepOverRedaction: Record<string, Ratio>;
  /** Non-whitespace characters outside every gold span that were redacted. */
  ordinaryOverRedaction: Ratio;
}

const isSpace = (ch: string | undefined): boolean => ch === undefined || /\s/.test(ch);

function mask(length: number, ranges: Prediction['ranges']): Uint8Array {
  const m = new Uint8Array(length);
  for (const r of ranges) m.fill(1, Math.max(0, r.start), Math.min(length, r.end));
  return m;
}

function add(table: Record<string, Ratio>, key: string, hit: boolean): void {
  const r = (table[key] ??= { hits: 0, total: 0 });
  r.total++;
  if (hit) r.hits++;
}

/** A gold span is fully covered when every non-whitespace code unit of it is redacted. */
export function fullyCovered(text: string, redacted: Uint8Array, span: { start: number; end: number }): boolean {
  for (let i = span.start; i < span.end; i++) if (!redacted[i] && !isSpace(text[i])) return false;
  return true;
}

function touched(text: string, redacted: Uint8Array, span: { start: number; end: number }): boolean {
  for (let i = span.start; i < span.end; i++) if (redacted[i] && !isSpace(text[i])) return true;
  return false;
}

/** The metrics of corpus/anon-dev/README.md ("Metrics") for predictions aligned with documents. */
export function computeMetrics(documents: readonly GoldDocument[], predictions: readonly Prediction[]): AnonymisationMetrics {
  const recall: Record<string, Ratio> = {};
  const keepOverRedaction: Record<string, Ratio> = {};
  const charRecall: Ratio = { hits: 0, total: 0 };
  const personLeak: Ratio = { hits: 0, total: 0 };
  const entityDataLeak: Ratio = { hits: 0, total: 0 };
  const leakFreeDocuments: Ratio = { hits: 0, total: 0 };
  const ordinaryOverRedaction: Ratio = { hits: 0, total: 0 };
  documents.forEach((doc, k) => {
    const redacted = mask(doc.text.length, predictions[k]?.ranges ?? []);
    const inGold = mask(doc.text.length, doc.spans);
    const entities = new Map<string, { person: boolean; personLeaked: boolean; leaked: boolean }>();
    let documentLeaked = false;
    for (const span of doc.spans) {
      if (span.action === 'keep') {
        const hit = touched(doc.text, redacted, span);
        add(keepOverRedaction, span.role, hit);
        add(keepOverRedaction, 'ALL', hit);
        continue;
      }
      const covered = fullyCovered(doc.text, redacted, span);
      add(recall, span.label, covered);
      add(recall, 'ALL', covered);
      for (let i = span.start; i < span.end; i++) {
        if (isSpace(doc.text[i])) continue;
        charRecall.total++;
        if (redacted[i]) charRecall.hits++;
      }
      documentLeaked ||= !covered;
      const e = entities.get(span.entity) ?? { person: false, personLeaked: false, leaked: false };
      if (span.label === 'PERSON') {
        e.person = true;
        e.personLeaked ||= !covered;
      }
      e.leaked ||= !covered;
      entities.set(span.entity, e);
    }
    for (const [id, e] of entities) {
      if (!/^[PA]/.test(id)) continue;
      entityDataLeak.total++;
      if (e.leaked) entityDataLeak.hits++;
      if (!e.person) continue;
      personLeak.total++;
      if (e.personLeaked) personLeak.hits++;
    }
    leakFreeDocuments.total++;
    if (!documentLeaked) leakFreeDocuments.hits++;
    for (let i = 0; i < doc.text.length; i++) {
      if (inGold[i] || isSpace(doc.text[i])) continue;
      ordinaryOverRedaction.total++;
      if (redacted[i]) ordinaryOverRedaction.hits++;
    }
  });
  return { recall, charRecall, personLeak, entityDataLeak, leakFreeDocuments, keepOverRedaction, ordinaryOverRedaction };
}

export function ratio(r: Ratio | undefined): number {
  return r && r.total > 0 ? r.hits / r.total : NaN;
}
