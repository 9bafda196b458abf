import { gzipSync } from 'node:zlib';
import { CodedError } from '@openactes/domain';
import { gunzipBounded } from './gzip';

const limits = { maxBytes: 8 * 1024 * 1024, maxRatio: 100 };

function failure(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    if (err instanceof CodedError) return { code: err.code, reason: err.details?.reason };
    throw err;
  }
  throw new Error('expected a CodedError');
}

describe(gunzipBounded.name, () => {
  it('inflates a gzip stream', () => {
    const data = Buffer.from('hello '.repeat(1000));
    expect(gunzipBounded(gzipSync(data), limits).equals(data)).toBe(true);
  });

  it('accepts a highly compressible but small output', () => {
    expect(gunzipBounded(gzipSync(Buffer.alloc(512 * 1024)), limits).length).toBe(512 * 1024);
  });

  it('refuses what is not gzip', () => {
    expect(failure(() => gunzipBounded(Buffer.from('PK\u0003\u0004 this is a zip file'), limits))).toEqual({
      code: 'INVALID_ARCHIVE',
      reason: 'not_gzip',
    });
  });

  it('refuses a corrupt gzip stream', () => {
    const gz = gzipSync(Buffer.from('x'.repeat(10_000)));
    expect(failure(() => gunzipBounded(gz.subarray(0, gz.length - 12), limits))).toEqual({
      code: 'INVALID_ARCHIVE',
      reason: 'corrupt_gzip',
    });
  });

  it('refuses a gzip bomb by ratio', () => {
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024));
    expect(failure(() => gunzipBounded(bomb, limits))).toEqual({ code: 'ARCHIVE_TOO_LARGE', reason: 'max_ratio' });
  });

  it('refuses an output over maxBytes', () => {
    const random = Buffer.from(Array.from({ length: 3 * 1024 * 1024 }, (_, i) => (i * 2654435761) >>> 24));
    expect(failure(() => gunzipBounded(gzipSync(random), { maxBytes: 2 * 1024 * 1024, maxRatio: 100 }))).toEqual({
      code: 'ARCHIVE_TOO_LARGE',
      reason: 'max_bytes',
    });
  });
});
