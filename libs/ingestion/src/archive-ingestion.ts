import { actWorkflowId, type ProcessActInput } from '@openactes/contracts';
import { assertSirenAllowed, CodedError, isCodedError, provisionalActKey, type ActStatus, type PlatformPrincipal } from '@openactes/domain';
import { readActesArchive, type ActesArchive, type AttachedFile, type ParsedActe } from '@openactes/formats';
import type { ActStore, AuditLog, NewAct, NewDocument, PayloadStore } from '@openactes/persistence';

export interface ReceivedArchive {
  body: Buffer;
  contentType: string | null;
  archiveName: string | null;
}

export interface IngestionOutcome {
  transmissionId: string;
  /** False when these exact bytes had been accepted before (idempotent re-send). */
  isNew: boolean;
  acts: { id: string; status: ActStatus }[];
}

export interface IngestionDeps {
  payloads: PayloadStore;
  acts: ActStore;
  audit: AuditLog;
  /** Starts (or joins) the workflow of an act. */
  startAct: (input: ProcessActInput) => Promise<void>;
}

/**
 * The one way an ACTES archive enters the system, pushed by a platform or
 * pulled from it: store the payload first, then parse, register the acts and
 * start one workflow per act. A rejection keeps the payload and its reason.
 */
export class ArchiveIngestion {
  constructor(private readonly deps: IngestionDeps) {}

  async receive(input: ReceivedArchive, principal: PlatformPrincipal): Promise<IngestionOutcome> {
    const { payloads, acts, startAct } = this.deps;
    const stored = await payloads.store({ kind: 'actes_archive', contentType: input.contentType, content: input.body, submitter: principal.id });
    let archive: ActesArchive;
    try {
      archive = readActesArchive(input.body);
      if (!archive.acts.length) throw new CodedError('MISSING_ACTE', 'The archive holds no Acte message (1-1)', { messages: archive.messages.length });
      for (const siren of new Set([archive.envelope.siren, ...archive.acts.map((a) => a.siren)])) assertSirenAllowed(principal, siren);
    } catch (err) {
      if (isCodedError(err)) await this.reject(stored.sha256, err, principal);
      throw err;
    }

    const registered = await acts.registerTransmission(
      {
        payloadSha256: stored.sha256,
        archiveName: input.archiveName,
        envelopeName: archive.envelope.fileName,
        siren: archive.envelope.siren,
        warnings: archive.warnings,
        acts: archive.acts.map(toNewAct),
      },
      principal.id,
    );
    await payloads.markAccepted(stored.sha256);
    for (const act of registered.acts) {
      if (act.status === 'received') await startAct({ actId: act.id, actKey: act.actKey });
    }
    return { transmissionId: registered.id, isNew: registered.isNew, acts: registered.acts.map(({ id, status }) => ({ id, status })) };
  }

  private async reject(sha256: string, err: CodedError, principal: PlatformPrincipal): Promise<void> {
    await this.deps.payloads.markRejected(sha256, err.code, err.message);
    await this.deps.audit.append({
      actor: principal.id,
      action: 'payload.rejected',
      subjectType: 'payload',
      subjectId: sha256,
      outcome: 'rejected',
      details: { code: err.code, ...(err.details ?? {}) },
    });
  }
}

function toNewAct(a: ParsedActe): NewAct {
  const actKey = provisionalActKey({ siren: a.siren, numeroInterne: a.numeroInterne, date: a.date, nature: a.nature });
  return {
    actKey,
    workflowId: actWorkflowId(actKey),
    siren: a.siren,
    numeroInterne: a.numeroInterne,
    decisionDate: a.date,
    nature: a.nature,
    natureCode: a.codeNatureActe,
    matieres: a.matieres,
    classificationCode: a.classificationCode,
    classificationDate: a.classificationDateVersion,
    objet: a.objet,
    warnings: [],
    documents: [toNewDocument(a.document, 'main', 1), ...a.annexes.map((f, i) => toNewDocument(f, 'annex', i + 2))],
  };
}

function toNewDocument(f: AttachedFile, role: NewDocument['role'], position: number): NewDocument {
  return { role, position, fileName: f.fileName, pieceType: f.pieceType, mediaType: f.mediaType, sha256: f.sha256, content: f.data };
}
