import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditFields {
  at: Date;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  outcome: string;
  payloadDigest: string;
}

/** JSON with sorted keys, so that equal payloads always have equal digests. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The link of an event in the audit chain: covers the previous link and every field. */
export function auditEventHash(prevHash: string, e: AuditFields): string {
  return sha256Hex([prevHash, e.at.toISOString(), e.actor, e.action, e.subjectType, e.subjectId, e.outcome, e.payloadDigest].join('\n'));
}
