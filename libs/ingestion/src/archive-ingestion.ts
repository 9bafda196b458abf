import { actWorkflowId, datasetIdsFor, type DatasetChangeNotifier, type DatasetKind, type ProcessActInput } from '@openactes/contracts';
import {
  assertSirenAllowed,
  CodedError,
  isCodedError,
  isLifecycleEvent,
  provisionalActKey,
  type ActStatus,
  type LifecycleEvent,
  type PlatformPrincipal,
} from '@openactes/domain';
import { readActesArchive, type ActesArchive, type ArchivedMessage, type AttachedFile, type ParsedActe } from '@openactes/formats';
import type { ActEntity, ActStore, AuditLog, NewAct, NewDocument, PayloadStore, TenantStore } from '@openactes/persistence';
import { forwardBudgetFiles, type ReceiveBudget } from './budget-attachments';
import { rejectPayload } from './payload-rejection';

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

export interface LifecycleMessage {
  act: ActEntity;
  event: LifecycleEvent;
  prefectureService: string | null;
}

export interface IngestionDeps {
  payloads: PayloadStore;
  acts: ActStore;
  audit: AuditLog;
  /** Starts (or joins) the workflow of an act. */
  startAct: (input: ProcessActInput) => Promise<void>;
  /** Keeps the classifications prefectures send (7-2); without it, they are only stored as payloads. */
  tenants?: Pick<TenantStore, 'saveClassification'>;
  /** Tells an act's workflow that the act ended (rejected, cancelled) so that one waiting for a reviewer finishes. */
  endAct?: (act: { actId: string; workflowId: string; status: ActStatus; actor: string }) => Promise<void>;
  /** Registers the TOTEM flux a budget act carries as a budget too; without it, it stays a document of the act. */
  receiveBudget?: ReceiveBudget;
  /** Tells the datasets a published act changed (cancelled, acknowledged): the next versions follow. */
  datasets?: DatasetChangeNotifier;
}

/**
 * The one way an ACTES archive enters the system, pushed by a platform or
 * pulled from it: store the payload first, then parse, register the acts and
 * start one workflow per act. A rejection keeps the payload and its reason.
 */
export class ArchiveIngestion {
  constructor(private readonly deps: IngestionDeps) {}

  async receive(input: ReceivedArchive, principal: PlatformPrincipal): Promise<IngestionOutcome> {
    const { payloads, acts } = this.deps;
    const stored = await payloads.store({ kind: 'actes_archive', contentType: input.contentType, content: input.body, submitter: principal.id });
    let archive: ActesArchive;
    let lifecycle: LifecycleMessage[];
    try {
      archive = readActesArchive(input.body);
      for (const siren of new Set([archive.envelope.siren, ...archive.acts.map((a) => a.siren)])) assertSirenAllowed(principal, siren);
      lifecycle = await this.matchLifecycleMessages(archive, principal);
      if (!archive.acts.length && !lifecycle.length && !archive.messages.some((m) => m.kind === 'RetourClassification')) {
        throw new CodedError('MISSING_ACTE', 'The archive holds no Acte (1-1), no classification, nor any message about a known act', {
          messages: archive.messages.map((m) => m.kind),
        });
      }
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
    for (const message of archive.messages) {
      if (message.kind === 'RetourClassification') {
        await this.deps.tenants?.saveClassification(archive.envelope.siren, message.classification, stored.sha256, principal.id);
      }
    }
    for (const act of registered.acts) {
      if (act.status === 'received') await this.startWorkflow(act, principal);
    }
    const { receiveBudget, audit } = this.deps;
    if (receiveBudget) await forwardBudgetFiles(archive.acts, registered.acts, principal, { receiveBudget, audit });
    const moved = await this.applyLifecycle(lifecycle, stored.sha256, principal);
    return {
      transmissionId: registered.id,
      isNew: registered.isNew,
      acts: [...registered.acts.map(({ id, status }) => ({ id, status })), ...moved],
    };
  }

  /** The acts the prefecture's messages (or a cancellation) are about; an unknown act refuses the archive. */
  private async matchLifecycleMessages(archive: ActesArchive, principal: PlatformPrincipal): Promise<LifecycleMessage[]> {
    const matched: LifecycleMessage[] = [];
    for (const message of archive.messages) {
      if (!isLifecycleEvent(message) || message.kind === 'AnomalieEnveloppe') continue;
      const act = await this.actOf(message, archive.envelope.siren);
      if (!act) {
        throw new CodedError('UNKNOWN_ACT', `${message.fileName} is about an act that was never received: send the act first`, {
          fileName: message.fileName,
          kind: message.kind,
        });
      }
      assertSirenAllowed(principal, act.siren);
      matched.push({ act, event: message as LifecycleEvent, prefectureService: archive.envelope.kind === 'EnveloppeMISILLCL' ? archive.envelope.emitter.serviceId : null });
    }
    return matched;
  }

  private actOf(message: ArchivedMessage, envelopeSiren: string): Promise<ActEntity | null> {
    if ('idActe' in message && typeof message.idActe === 'string') return this.deps.acts.findByIdActe(message.idActe);
    if (message.kind === 'AnomalieActe') {
      const { numeroInterne, date, nature } = message.acteRecu;
      return this.deps.acts.findByActKey(provisionalActKey({ siren: envelopeSiren, numeroInterne, date, nature }));
    }
    return Promise.resolve(null);
  }

  private async applyLifecycle(messages: LifecycleMessage[], payloadSha256: string, principal: PlatformPrincipal): Promise<IngestionOutcome['acts']> {
    const moved: IngestionOutcome['acts'] = [];
    for (const message of messages) moved.push(await this.applyMessage({ ...message, payloadSha256, principal }));
    return moved;
  }

  /**
   * Moves a known act along its lifecycle: used for the messages of an archive, and
   * for a prefecture's answer obtained otherwise (an ARActe pulled from the platform).
   */
  async applyMessage(m: LifecycleMessage & { payloadSha256: string; principal: PlatformPrincipal }): Promise<{ id: string; status: ActStatus }> {
    assertSirenAllowed(m.principal, m.act.siren);
    const { act, effects } = await this.deps.acts.applyLifecycleEvent(m.act.id, m.event, {
      actor: m.principal.id,
      payloadSha256: m.payloadSha256,
      prefectureService: m.prefectureService,
    });
    if (effects.some((e) => e.type === 'stop_processing')) {
      await this.deps.endAct?.({ actId: act.id, workflowId: act.workflowId, status: act.status, actor: m.principal.id });
    }
    const finalKey = effects.find((e) => e.type === 'set_final_key');
    if (finalKey) {
      await this.deps.acts.setDeliberationPrefecture(act.id, { prefectureId: act.prefectureService, prefectureDate: finalKey.dateReception });
    }
    if (act.publishedAt) {
      const kinds: DatasetKind[] = act.nature === 'DE' ? ['actes', 'deliberations'] : ['actes'];
      await this.deps.datasets?.changed(datasetIdsFor(kinds, act.siren), { reason: `act.${m.event.kind}`, subjectId: act.id });
    }
    return { id: act.id, status: act.status };
  }

  /** An act whose workflow cannot start (Temporal down) stays `received`, audited as such: sending the archive again starts it. */
  private async startWorkflow(act: { id: string; actKey: string }, principal: PlatformPrincipal): Promise<void> {
    try {
      await this.deps.startAct({ actId: act.id, actKey: act.actKey });
    } catch (err) {
      const code = isCodedError(err) ? err.code : 'INTERNAL_ERROR';
      await this.deps.audit
        .append({ actor: principal.id, action: 'act.start_failed', subjectType: 'act', subjectId: act.id, outcome: 'retrying', details: { code } })
        .catch(() => undefined);
      throw err;
    }
  }

  private async reject(sha256: string, err: CodedError, principal: PlatformPrincipal): Promise<void> {
    await rejectPayload(this.deps.payloads, this.deps.audit, sha256, err, principal);
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
    // XSD drifts are reported, never rejected: they stay on the act.
    warnings: a.warnings.map((w) => `${w.code} at ${w.path}: ${w.message}`),
    documents: [toNewDocument(a.document, 'main', 1), ...a.annexes.map((f, i) => toNewDocument(f, 'annex', i + 2))],
  };
}

function toNewDocument(f: AttachedFile, role: NewDocument['role'], position: number): NewDocument {
  return { role, position, fileName: f.fileName, pieceType: f.pieceType, mediaType: f.mediaType, sha256: f.sha256, content: f.data };
}
