import { CodedError } from '@openactes/domain';
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A mutation authenticated by the session cookie must echo the session's CSRF token in X-CSRF-Token (403 CSRF_FAILED). */
export function checkCsrf(req: Request, expected: string): void {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return;
  const given = req.headers['x-csrf-token'];
  const value = Array.isArray(given) ? given[0] : given;
  const a = Buffer.from(typeof value === 'string' ? value : '');
  const b = Buffer.from(expected);
  const ok = a.length === b.length && timingSafeEqual(a, b);
  if (!ok) throw new CodedError('CSRF_FAILED', 'This request needs the X-CSRF-Token header of the session');
}
