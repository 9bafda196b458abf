import type { CodedError, PlatformPrincipal } from '@openactes/domain';
import type { AuditLog, PayloadStore } from '@openactes/persistence';

/** A refused payload stays stored, marked with its reason, and the refusal is an audit event. */
export async function rejectPayload(payloads: PayloadStore, audit: AuditLog, sha256: string, err: CodedError, principal: PlatformPrincipal): Promise<void> {
  await payloads.markRejected(sha256, err.code, err.message);
  await audit.append({
    actor: principal.id,
    action: 'payload.rejected',
    subjectType: 'payload',
    subjectId: sha256,
    outcome: 'rejected',
    details: { code: err.code, ...(err.details ?? {}) },
  });
}
