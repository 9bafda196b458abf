import { detectAddresses } from './addresses';
import { applyCorrections, type SpanCorrection } from './corrections';
import { detectBirthdates, detectEmails, detectIbans, detectNirs, detectPhones, detectQuasiIdentifiers } from './identifiers';
import { detectJudgements } from './judgements';
import { detectParcels } from './parcels';
import { detectPersons } from './persons';
import { pseudonymise } from './pseudonymise';
import { sensitiveTopics } from './sensitive';
import { byStart, overlaps, type Label, type Span } from './spans';
import { foldAligned } from './text';

export interface AnonymisationOptions {
  /** The tenant's elected officials ("Jean DUPONT"): kept wherever they act as such. */
  officials?: string[];
  /** A reviewer's corrections, applied over what the detectors found. */
  corrections?: SpanCorrection[];
}

export interface DetectedEntity {
  /** JavaScript string indices into the input text. */
  start: number;
  end: number;
  label: Label;
  action: 'redact' | 'keep';
  confidence: number;
  /** One id per person, address or parcel in the document ("person-3"). */
  entity?: string;
}

export interface AnonymisationResult {
  /** The input with every redacted span replaced by its placeholder. */
  text: string;
  entities: DetectedEntity[];
  /** 'review' as soon as anything is uncertain or sensitive; never 'publish' by default. */
  decision: 'publish' | 'review';
  reasons: string[];
}

/** Which span wins where two detectors claim the same characters. */
const PRIORITY: readonly Label[] = ['IBAN', 'NIR', 'EMAIL', 'PHONE', 'BIRTHDATE', 'JUDGEMENT', 'QUASI_ID', 'ADDRESS', 'PARCEL', 'PERSON'];

function withoutOverlaps(spans: readonly Span[]): Span[] {
  const rank = (a: Span, b: Span): number => PRIORITY.indexOf(a.label) - PRIORITY.indexOf(b.label) || b.end - b.start - (a.end - a.start);
  const sorted = [...spans].sort(byStart);
  const kept: Span[] = [];
  // Overlaps are rare and local: settle each cluster of overlapping spans by priority.
  for (let i = 0; i < sorted.length; ) {
    let end = sorted[i]?.end ?? 0;
    let j = i + 1;
    for (; j < sorted.length && (sorted[j]?.start ?? 0) < end; j++) end = Math.max(end, sorted[j]?.end ?? 0);
    const chosen: Span[] = [];
    for (const span of sorted.slice(i, j).sort(rank)) if (!chosen.some((c) => overlaps(c, span))) chosen.push(span);
    kept.push(...chosen.sort(byStart));
    i = j;
  }
  return kept;
}

/**
 * Finds the personal data of private persons in a French local-government text and replaces
 * it by placeholders, keeping officials acting as such, professionals, legal persons and places.
 * Pure and deterministic.
 */
export function anonymise(text: string, options: AnonymisationOptions = {}): AnonymisationResult {
  const folded = foldAligned(text);
  const identifiers = withoutOverlaps([
    ...detectIbans(text),
    ...detectNirs(text),
    ...detectEmails(text),
    ...detectPhones(text),
    ...detectBirthdates(text),
    ...detectJudgements(text),
    ...detectQuasiIdentifiers(text),
  ]);
  const addresses = withoutOverlaps([...identifiers, ...detectAddresses(text, folded)]).filter((s) => s.label === 'ADDRESS');
  const privateAddresses = addresses.filter((s) => s.action === 'redact');
  const places = withoutOverlaps([...identifiers, ...addresses, ...detectParcels(text, privateAddresses, folded)]);
  const detected = withoutOverlaps([...places, ...detectPersons(text, places, options.officials, folded)]);
  const spans = options.corrections?.length ? applyCorrections(text, detected, options.corrections) : detected;
  const { text: pseudonymised, entities: ids } = pseudonymise(text, spans);
  const reasons = [
    ...new Set([
      ...spans.flatMap((s) => (s.reviewReason ? [s.reviewReason] : [])),
      ...sensitiveTopics(text, folded).map((topic) => `sensitive content: ${topic}`),
    ]),
  ];
  return {
    text: pseudonymised,
    entities: spans.map((s, k) => ({ start: s.start, end: s.end, label: s.label, action: s.action, confidence: s.confidence, entity: ids[k] })),
    decision: reasons.length > 0 ? 'review' : 'publish',
    reasons,
  };
}
