import { subventionFileWorkflowId, type ProcessSubventionFileInput, type SubventionFileStatus } from '@openactes/contracts';
import { assertSirenAllowed, isCodedError, type CodedError, type PlatformPrincipal } from '@openactes/domain';
import { attribuantSirens } from '@openactes/formats';
import type { AuditLog, PayloadStore, SubventionStore } from '@openactes/persistence';
import { rejectPayload } from './payload-rejection';

export interface ReceivedSubventions {
  body: Buffer;
  contentType: string | null;
  /** The name the sender gave the file (the report names it). */
  fileName?: string;
}

export interface SubventionRegistration {
  subventionFileId: string;
  status: SubventionFileStatus;
  /** False when the same file was registered before. */
  isNew: boolean;
}

export interface SubventionIngestionDeps {
  payloads: PayloadStore;
  subventions: SubventionStore;
  audit: AuditLog;
  /** Starts (or joins) the workflow of a file. */
  startSubventions: (input: ProcessSubventionFileInput) => Promise<void>;
}

/**
 * The one way a subventions CSV enters the system: store the payload first,
 * then read it (a file that is not a CSV is INVALID_CSV), check that the token
 * covers every granting authority (idAttribuant) it names, register it and
 * start its workflow. A rejection keeps the payload and its reason.
 */
export class SubventionIngestion {
  constructor(private readonly deps: SubventionIngestionDeps) {}

  async receive(input: ReceivedSubventions, principal: PlatformPrincipal): Promise<SubventionRegistration> {
    const { payloads, subventions, audit, startSubventions } = this.deps;
    const stored = await payloads.store({ kind: 'subventions', contentType: input.contentType, content: input.body, submitter: principal.id });
    let sirens: string[];
    try {
      sirens = attribuantSirens(input.body);
      for (const siren of sirens) assertSirenAllowed(principal, siren);
    } catch (err) {
      // A file another token sent and got accepted stays accepted: this refusal is only an audit event.
      if (isCodedError(err) && stored.outcome === 'accepted') await auditRefusal(audit, stored.sha256, err, principal);
      else if (isCodedError(err)) await rejectPayload(payloads, audit, stored.sha256, err, principal);
      throw err;
    }
    const registered = await subventions.register(
      { payloadSha256: stored.sha256, workflowId: subventionFileWorkflowId(stored.sha256), fileName: input.fileName ?? `subventions-${stored.sha256.slice(0, 12)}.csv`, attribuantSirens: sirens },
      principal.id,
    );
    await payloads.markAccepted(stored.sha256);
    if (registered.status === 'received') await startSubventions({ subventionFileId: registered.id, payloadSha256: stored.sha256 });
    return { subventionFileId: registered.id, status: registered.status, isNew: registered.isNew };
  }
}

function auditRefusal(audit: AuditLog, sha256: string, err: CodedError, principal: PlatformPrincipal): Promise<unknown> {
  return audit.append({ actor: principal.id, action: 'payload.refused', subjectType: 'payload', subjectId: sha256, outcome: 'rejected', details: { code: err.code, ...(err.details ?? {}) } });
}
