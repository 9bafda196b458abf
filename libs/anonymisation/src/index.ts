export { anonymise, type AnonymisationOptions, type AnonymisationResult, type DetectedEntity } from './anonymise';
export { ibanIsValid, nirIsValid } from './checksums';
export type { Label } from './spans';
export { correctionProblems, type SpanCorrection } from './corrections';
