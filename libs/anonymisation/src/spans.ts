export type Label = 'PERSON' | 'ADDRESS' | 'PARCEL' | 'BIRTHDATE' | 'PHONE' | 'EMAIL' | 'IBAN' | 'NIR' | 'JUDGEMENT' | 'QUASI_ID';
export type Action = 'redact' | 'keep';

/** Something a detector found, in JavaScript string indices of the input text. */
export interface Span {
  start: number;
  end: number;
  label: Label;
  action: Action;
  /** How sure the detector is of the label and the action, 0..1. */
  confidence: number;
  /** Groups the spans that get one placeholder (a person, an address, a parcel). */
  entity?: string;
  /** Why the document needs a human reviewer because of this span, if it does. */
  reviewReason?: string;
}

export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

export function byStart(a: Span, b: Span): number {
  return a.start - b.start || b.end - a.end;
}
