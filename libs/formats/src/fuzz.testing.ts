// Test support (not exported): properties of hostile input shared by the *.fuzz.spec.ts files.
// A short run in CI (FUZZ_RUNS, default 200 per property); `npm run bench -- fuzz` runs them long.
import fc from 'fast-check';
import { CodedError } from '@openactes/domain';

export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 200);

/** The parser either returns or throws a coded error — never anything else. */
export function parsesOrCodedError(parse: () => unknown): void {
  try {
    parse();
  } catch (err) {
    if (!(err instanceof CodedError)) throw err;
  }
}

/** Up to 16 bytes of the source set to random values. */
export function byteMutations(source: Buffer): fc.Arbitrary<Buffer> {
  return fc.array(fc.tuple(fc.nat({ max: Math.max(0, source.length - 1) }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 16 }).map((changes) => {
    const copy = Buffer.from(source);
    for (const [at, value] of changes) copy[at] = value;
    return copy;
  });
}

/** The source cut anywhere, followed by random bytes. */
export function truncations(source: Buffer): fc.Arbitrary<Buffer> {
  return fc.tuple(fc.nat({ max: source.length }), fc.uint8Array({ maxLength: 512 })).map(([cut, noise]) => Buffer.concat([source.subarray(0, cut), Buffer.from(noise)]));
}

/** Text (markup, quotes, separators, any Unicode) inserted at a random place of a text source. */
export function insertions(source: string): fc.Arbitrary<string> {
  const piece = fc.oneof(
    fc.string({ maxLength: 64 }),
    fc.string({ unit: 'binary', maxLength: 32 }),
    fc.constantFrom('<', '>', '</', '"', ',', '\n', '\r\n', '&amp;', '&#0;', ']]>', '<!--', '{', '}', '[', ']', ':', 'null', 'NaN', '-1e309', '\u0000', '\ufeff'),
  );
  return fc.tuple(fc.nat({ max: source.length }), fc.array(piece, { minLength: 1, maxLength: 4 })).map(([at, pieces]) => source.slice(0, at) + pieces.join('') + source.slice(at));
}

/** Each of the three kinds of damage, FUZZ_RUNS cases each. */
export function assertSurvives(source: Buffer, parse: (bytes: Buffer) => unknown, encoding: BufferEncoding = 'utf8'): void {
  fc.assert(fc.property(byteMutations(source), (bytes) => parsesOrCodedError(() => parse(bytes))), { numRuns: FUZZ_RUNS });
  fc.assert(fc.property(truncations(source), (bytes) => parsesOrCodedError(() => parse(bytes))), { numRuns: FUZZ_RUNS });
  fc.assert(fc.property(insertions(source.toString(encoding)), (text) => parsesOrCodedError(() => parse(Buffer.from(text, encoding)))), { numRuns: FUZZ_RUNS });
}
