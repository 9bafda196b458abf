import { gunzipSync } from 'node:zlib';
import { CodedError } from '@openactes/domain';

export interface GunzipLimits {
  maxBytes: number;
  maxRatio: number;
}

/** Outputs this small are never treated as bombs, whatever their ratio (tiny archives of padding compress a lot). */
const RATIO_FLOOR = 1024 * 1024;

/** gunzip that stops as soon as the output would exceed maxBytes or maxRatio × input. */
export function gunzipBounded(buf: Buffer, { maxBytes, maxRatio }: GunzipLimits): Buffer {
  if (buf.length < 18 || buf[0] !== 0x1f || buf[1] !== 0x8b) {
    throw new CodedError('INVALID_ARCHIVE', 'Not a gzip stream', { reason: 'not_gzip' });
  }
  const byRatio = Math.max(RATIO_FLOOR, Math.floor(buf.length * maxRatio));
  const cap = Math.min(maxBytes, byRatio);
  try {
    return gunzipSync(buf, { maxOutputLength: cap });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new CodedError('ARCHIVE_TOO_LARGE', `Archive expands beyond ${cap} bytes`, {
        reason: cap === maxBytes ? 'max_bytes' : 'max_ratio',
        compressedBytes: buf.length,
        maxBytes,
        maxRatio,
      });
    }
    throw new CodedError('INVALID_ARCHIVE', 'Corrupt gzip stream', { reason: 'corrupt_gzip', cause: String(err) });
  }
}
