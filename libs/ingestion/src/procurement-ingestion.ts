import { procurementWorkflowId, type ProcessProcurementInput, type ProcurementStatus } from '@openactes/contracts';
import { assertSirenAllowed, isCodedError, siretIsValid, type CodedError, type PlatformPrincipal } from '@openactes/domain';
import { readDecp, type DecpDocument } from '@openactes/formats';
import type { AuditLog, PayloadStore, ProcurementStore } from '@openactes/persistence';
import { rejectPayload } from './payload-rejection';

export interface ReceivedDecp {
  body: Buffer;
  contentType: string | null;
  /** The name the sender gave the file (record ids in the report start with it). */
  fileName?: string;
}

export interface ProcurementRegistration {
  procurementId: string;
  status: ProcurementStatus;
  /** False when the same file was registered before. */
  isNew: boolean;
}

export interface ProcurementIngestionDeps {
  payloads: PayloadStore;
  procurements: ProcurementStore;
  audit: AuditLog;
  /** Starts (or joins) the workflow of a file. */
  startProcurement: (input: ProcessProcurementInput) => Promise<void>;
}

/**
 * The one way a DECP file enters the system: store the payload first, then
 * read it (a file of no known DECP version is INVALID_DECP), check that the
 * token covers every buyer it names, register it and start its workflow. A
 * rejection keeps the payload and its reason.
 */
export class ProcurementIngestion {
  constructor(private readonly deps: ProcurementIngestionDeps) {}

  async receive(input: ReceivedDecp, principal: PlatformPrincipal): Promise<ProcurementRegistration> {
    const { payloads, procurements, audit, startProcurement } = this.deps;
    const stored = await payloads.store({ kind: 'decp', contentType: input.contentType, content: input.body, submitter: principal.id });
    const fileName = input.fileName ?? `decp-${stored.sha256.slice(0, 12)}`;
    let doc: DecpDocument;
    let buyerSirens: string[];
    try {
      doc = readDecp(input.body, fileName);
      buyerSirens = buyerSirensOf(doc);
      for (const siren of buyerSirens) assertSirenAllowed(principal, siren);
    } catch (err) {
      // A file another token sent and got accepted stays accepted: this refusal is only an audit event.
      if (isCodedError(err) && stored.outcome === 'accepted') await auditRefusal(audit, stored.sha256, err, principal);
      else if (isCodedError(err)) await rejectPayload(payloads, audit, stored.sha256, err, principal);
      throw err;
    }
    const registered = await procurements.register(
      { payloadSha256: stored.sha256, workflowId: procurementWorkflowId(stored.sha256), fileName, format: doc.format, version: doc.version, buyerSirens },
      principal.id,
    );
    await payloads.markAccepted(stored.sha256);
    if (registered.status === 'received') await startProcurement({ procurementId: registered.id, payloadSha256: stored.sha256 });
    return { procurementId: registered.id, status: registered.status, isNew: registered.isNew };
  }
}

function auditRefusal(audit: AuditLog, sha256: string, err: CodedError, principal: PlatformPrincipal): Promise<unknown> {
  return audit.append({ actor: principal.id, action: 'payload.refused', subjectType: 'payload', subjectId: sha256, outcome: 'rejected', details: { code: err.code, ...(err.details ?? {}) } });
}

/**
 * The SIRENs of the buyers (acheteur, or autorité concédante) the records
 * name, read as the normaliser will read them: spaces dropped, a number that
 * lost its leading zero padded. An id that cannot be a SIRET names nobody:
 * its record will be rejected, never published.
 */
export function buyerSirensOf(doc: DecpDocument): string[] {
  const sirens = new Set<string>();
  for (const { data } of doc.records) {
    if (typeof data !== 'object' || data === null) continue;
    const record = data as Record<string, unknown>;
    const siret = asSiret(idOf(record.acheteur) ?? record['acheteur.id'] ?? idOf(record.autoriteConcedante));
    if (siret) sirens.add(siret.slice(0, 9));
  }
  return [...sirens].sort();
}

function idOf(party: unknown): unknown {
  return typeof party === 'object' && party !== null ? (party as Record<string, unknown>).id : undefined;
}

function asSiret(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const digits = String(value).replace(/\s/g, '');
  if (/^\d{14}$/.test(digits)) return digits;
  const padded = digits.padStart(14, '0');
  return /^\d{1,13}$/.test(digits) && siretIsValid(padded) ? padded : undefined;
}
