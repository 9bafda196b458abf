import { Injectable, Logger } from '@nestjs/common';
import { actWorkflowId } from '@openactes/contracts';
import { CodedError, isCodedError, provisionalActKey } from '@openactes/domain';
import { readActesArchive, type ActesArchive, type AttachedFile, type ParsedActe } from '@openactes/formats';
import { ActStore, AuditLog, PayloadStore, type NewAct, type NewDocument } from '@openactes/persistence';
import { assertSirenAllowed, type PlatformPrincipal } from '../common/platform-auth.guard';
import { ActWorkflowStarter } from './act-workflow-starter';
import type { TransmissionAcceptedDto } from './transmission.dto';

export interface ReceivedArchive {
  body: Buffer;
  contentType: string | null;
  archiveName: string | null;
}

export interface TransmissionOutcome {
  /** False when these exact bytes had been accepted before (idempotent re-send). */
  isNew: boolean;
  body: TransmissionAcceptedDto;
}

@Injectable()
export class TransmissionsService {
  private readonly logger = new Logger('transmissions');

  constructor(
    private readonly payloads: PayloadStore,
    private readonly acts: ActStore,
    private readonly audit: AuditLog,
    private readonly starter: ActWorkflowStarter,
  ) {}

  /** Store first, then parse, register the acts and start one workflow per act. */
  async receive(input: ReceivedArchive, principal: PlatformPrincipal): Promise<TransmissionOutcome> {
    const stored = await this.payloads.store({ kind: 'actes_archive', contentType: input.contentType, content: input.body, submitter: principal.id });
    let archive: ActesArchive;
    try {
      archive = readActesArchive(input.body);
      if (!archive.acts.length) throw new CodedError('MISSING_ACTE', 'The archive holds no Acte message (1-1)', { messages: archive.messages.length });
      this.authorise(archive, principal);
    } catch (err) {
      if (isCodedError(err)) await this.reject(stored.sha256, err, principal);
      throw err;
    }

    const registered = await this.acts.registerTransmission(
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
    await this.payloads.markAccepted(stored.sha256);
    for (const act of registered.acts) {
      if (act.status === 'received') await this.starter.start({ actId: act.id, actKey: act.actKey });
    }
    this.logger.log(`transmission ${registered.id}: ${registered.acts.length} act(s), new=${registered.isNew}`);
    return {
      isNew: registered.isNew,
      body: { transmissionId: registered.id, acts: registered.acts.map(({ id, status }) => ({ id, status })) },
    };
  }

  private authorise(archive: ActesArchive, principal: PlatformPrincipal): void {
    for (const siren of new Set([archive.envelope.siren, ...archive.acts.map((a) => a.siren)])) assertSirenAllowed(principal, siren);
  }

  private async reject(sha256: string, err: CodedError, principal: PlatformPrincipal): Promise<void> {
    await this.payloads.markRejected(sha256, err.code, err.message);
    await this.audit.append({
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
