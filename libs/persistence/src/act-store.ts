import {
  applyActesMessage,
  canTransition,
  CodedError,
  parseIdActe,
  provisionalActKey,
  setPrefectureFields,
  type ScdlDeliberationRow,
  type ActLifecycleState,
  type ActStatus,
  type LifecycleEffect,
  type LifecycleEvent,
  type PublicationDecision,
} from '@openactes/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from './audit-log';
import { ActEntity, type ActAnonymisation } from './entities/act.entity';
import { DeliberationRecordEntity } from './entities/deliberation-record.entity';
import { DocumentEntity, type DocumentRole } from './entities/document.entity';
import { TransmissionEntity } from './entities/transmission.entity';

export interface NewDocument {
  role: DocumentRole;
  position: number;
  fileName: string;
  pieceType: string | null;
  mediaType: string;
  sha256: string;
  content: Buffer;
}

export interface NewAct {
  actKey: string;
  workflowId: string;
  siren: string;
  numeroInterne: string;
  decisionDate: string;
  nature: string;
  natureCode: number;
  matieres: number[];
  classificationCode: string;
  classificationDate: string | null;
  objet: string;
  warnings: string[];
  documents: NewDocument[];
}

export interface NewTransmission {
  payloadSha256: string;
  archiveName: string | null;
  envelopeName: string;
  siren: string;
  warnings: string[];
  acts: NewAct[];
}

export interface RegisteredAct {
  id: string;
  actKey: string;
  workflowId: string;
  status: ActStatus;
  isNew: boolean;
}

export interface RegisteredTransmission {
  id: string;
  isNew: boolean;
  acts: RegisteredAct[];
}

export interface StatusChange {
  failure?: { code: string; message: string };
  details?: Record<string, unknown>;
}

/** Acts, their documents and their SCDL records; every state change is audited in the same transaction. */
export class ActStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  /** Idempotent: the same archive, or the same act in another archive, never yields a second act. */
  async registerTransmission(t: NewTransmission, actor: string): Promise<RegisteredTransmission> {
    return this.dataSource.transaction(async (m) => {
      const now = new Date();
      const inserted = (await m.query(
        `INSERT INTO transmission (payload_sha256, archive_name, envelope_name, siren, warnings, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (payload_sha256) DO NOTHING RETURNING id`,
        [t.payloadSha256, t.archiveName, t.envelopeName, t.siren, JSON.stringify(t.warnings), now],
      )) as { id: string }[];
      const isNew = inserted.length > 0;
      const transmissionId = isNew
        ? inserted[0].id
        : (await m.getRepository(TransmissionEntity).findOneByOrFail({ payloadSha256: t.payloadSha256 })).id;
      if (isNew) {
        await this.audit.append(
          { actor, action: 'transmission.accepted', subjectType: 'transmission', subjectId: transmissionId, outcome: 'ok',
            details: { payloadSha256: t.payloadSha256, acts: t.acts.length, warnings: t.warnings.length } },
          m,
        );
      }
      const acts: RegisteredAct[] = [];
      for (const act of t.acts) acts.push(await this.registerAct(m, act, transmissionId, isNew, actor, now));
      return { id: transmissionId, isNew, acts };
    });
  }

  private async registerAct(m: EntityManager, a: NewAct, transmissionId: string, newTransmission: boolean, actor: string, now: Date): Promise<RegisteredAct> {
    await m.query(`INSERT INTO collectivity (siren, name, created_at, updated_at) VALUES ($1, $2, $3, $3) ON CONFLICT (siren) DO NOTHING`, [a.siren, a.siren, now]);
    const inserted = (await m.query(
      `INSERT INTO act (act_key, siren, numero_interne, decision_date, nature, nature_code, matieres, classification_code,
                        classification_date, objet, status, transmission_id, workflow_id, warnings, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'received', $11, $12, $13, $14, $14)
       ON CONFLICT (act_key) DO NOTHING RETURNING id`,
      [a.actKey, a.siren, a.numeroInterne, a.decisionDate, a.nature, a.natureCode, a.matieres, a.classificationCode,
        a.classificationDate, a.objet, transmissionId, a.workflowId, JSON.stringify(a.warnings), now],
    )) as { id: string }[];
    if (!inserted.length) {
      const existing = await m.getRepository(ActEntity).findOneOrFail({ where: { actKey: a.actKey }, lock: { mode: 'pessimistic_write' } });
      if (newTransmission && existing.prefectureStatus === 'rejected') return this.retransmit(m, existing, a, transmissionId, actor, now);
      return { id: existing.id, actKey: a.actKey, workflowId: existing.workflowId, status: existing.status, isNew: false };
    }
    const id = inserted[0].id;
    await this.insertDocuments(m, id, a.documents);
    await this.audit.append(
      { actor, action: 'act.received', subjectType: 'act', subjectId: id, outcome: 'ok',
        details: { actKey: a.actKey, transmissionId, documents: a.documents.length, warnings: a.warnings } },
      m,
    );
    return { id, actKey: a.actKey, workflowId: a.workflowId, status: 'received', isNew: true };
  }

  /**
   * The prefecture refused the act (AnomalieActe) and the collectivity sends it again, corrected:
   * the same act starts over with the new transmission's content; the refusal stays in its trail.
   */
  private async retransmit(m: EntityManager, act: ActEntity, a: NewAct, transmissionId: string, actor: string, now: Date): Promise<RegisteredAct> {
    await m.query(
      `UPDATE act SET status = 'received', prefecture_status = 'transmitted', rejection = NULL, transmission_id = $2, objet = $3, matieres = $4,
              classification_code = $5, classification_date = $6, warnings = $7, failure_code = NULL, failure_message = NULL,
              published_objet = NULL, anonymisation = NULL, publication = NULL, updated_at = $8
        WHERE id = $1`,
      [act.id, transmissionId, a.objet, a.matieres, a.classificationCode, a.classificationDate, JSON.stringify(a.warnings), now],
    );
    await m.query(`DELETE FROM deliberation_record WHERE act_id = $1`, [act.id]);
    await m.query(`DELETE FROM document WHERE act_id = $1`, [act.id]);
    await this.insertDocuments(m, act.id, a.documents);
    await this.audit.append(
      { actor, action: 'act.retransmitted', subjectType: 'act', subjectId: act.id, outcome: 'ok',
        details: { transmissionId, previousRejection: act.rejection, documents: a.documents.length } },
      m,
    );
    return { id: act.id, actKey: a.actKey, workflowId: act.workflowId, status: 'received', isNew: true };
  }

  private async insertDocuments(m: EntityManager, actId: string, documents: NewDocument[]): Promise<void> {
    for (const d of documents) {
      await m.query(
        `INSERT INTO document (act_id, role, position, file_name, piece_type, media_type, sha256, size_bytes, content)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (act_id, file_name) DO NOTHING`,
        [actId, d.role, d.position, d.fileName, d.pieceType, d.mediaType, d.sha256, d.content.length, d.content],
      );
    }
  }

  async find(id: string): Promise<ActEntity | null> {
    return this.dataSource.getRepository(ActEntity).findOneBy({ id });
  }

  async get(id: string): Promise<ActEntity> {
    const act = await this.find(id);
    if (!act) throw new CodedError('NOT_FOUND', `No act ${id}`, { actId: id });
    return act;
  }

  async documents(actId: string): Promise<DocumentEntity[]> {
    return this.dataSource.getRepository(DocumentEntity).find({ where: { actId }, order: { position: 'ASC' } });
  }

  async documentContent(documentId: string): Promise<Buffer> {
    const row = await this.dataSource
      .getRepository(DocumentEntity)
      .createQueryBuilder('d')
      .select('d.content', 'content')
      .where('d.id = :documentId', { documentId })
      .getRawOne<{ content: Buffer }>();
    if (!row) throw new CodedError('NOT_FOUND', `No document ${documentId}`);
    return row.content;
  }

  async saveDocumentText(documentId: string, text: string, pageCount: number): Promise<void> {
    await this.dataSource.getRepository(DocumentEntity).update({ id: documentId }, { text, pageCount });
  }

  async documentText(documentId: string): Promise<string | null> {
    const row = await this.dataSource
      .getRepository(DocumentEntity)
      .createQueryBuilder('d')
      .select('d.text', 'text')
      .where('d.id = :documentId', { documentId })
      .getRawOne<{ text: string | null }>();
    return row?.text ?? null;
  }

  /**
   * Moves an act along its lifecycle and audits the step. Replaying the same
   * step (a retried activity) is a no-op, never an error.
   */
  async transition(actId: string, to: ActStatus, step: string, actor: string, change: StatusChange = {}): Promise<ActEntity> {
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(ActEntity);
      const act = await repo.findOne({ where: { id: actId }, lock: { mode: 'pessimistic_write' } });
      if (!act) throw new CodedError('NOT_FOUND', `No act ${actId}`, { actId });
      if (act.status === to && to !== 'processing') return act;
      if (act.status !== to && !canTransition(act.status, to)) {
        throw new CodedError('CONFLICT', `Act ${actId} cannot go from ${act.status} to ${to}`, { from: act.status, to });
      }
      const now = new Date();
      act.status = to;
      act.updatedAt = now;
      act.failureCode = change.failure?.code ?? null;
      act.failureMessage = change.failure?.message ?? null;
      if (to === 'published') act.publishedAt = now;
      await repo.save(act);
      await this.audit.append(
        { actor, action: step, subjectType: 'act', subjectId: actId, outcome: change.failure ? 'failed' : 'ok',
          details: { status: to, ...(change.failure ? { code: change.failure.code } : {}), ...change.details } },
        m,
      );
      return act;
    });
  }

  async findByActKey(actKey: string): Promise<ActEntity | null> {
    return this.dataSource.getRepository(ActEntity).findOneBy({ actKey });
  }

  /** The act an IDActe designates: by its final key, else by the provisional key the IDActe implies. */
  async findByIdActe(idActe: string): Promise<ActEntity | null> {
    const repo = this.dataSource.getRepository(ActEntity);
    const byFinalKey = await repo.findOneBy({ idActe });
    if (byFinalKey) return byFinalKey;
    const parts = parseIdActe(idActe);
    return parts ? repo.findOneBy({ actKey: provisionalActKey(parts) }) : null;
  }

  /**
   * Applies a message of the prefecture (or a cancellation) to the act's lifecycle,
   * under a row lock; every effect is audited in the same transaction.
   */
  async applyLifecycleEvent(
    actId: string,
    event: LifecycleEvent,
    meta: { actor: string; payloadSha256: string; prefectureService?: string | null },
  ): Promise<{ act: ActEntity; effects: LifecycleEffect[] }> {
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(ActEntity);
      const act = await repo.findOne({ where: { id: actId }, lock: { mode: 'pessimistic_write' } });
      if (!act) throw new CodedError('NOT_FOUND', `No act ${actId}`, { actId });
      const { state, effects } = applyActesMessage(lifecycleStateOf(act), event);
      const statusBefore = act.status;
      Object.assign(act, {
        status: state.status,
        prefectureStatus: state.prefecture,
        idActe: state.idActe,
        dateReception: state.dateReception,
        rejection: state.rejection,
        cancellationDate: state.cancellationDate,
        flags: state.flags,
        updatedAt: new Date(),
      });
      if (effects.some((e) => e.type === 'set_final_key') && meta.prefectureService) act.prefectureService = meta.prefectureService;
      await repo.save(act);
      await this.audit.append(
        { actor: meta.actor, action: `act.message.${event.kind}`, subjectType: 'act', subjectId: actId, outcome: 'ok',
          details: { payloadSha256: meta.payloadSha256, effects: effects.map((e) => e.type), statusBefore, status: act.status, prefecture: act.prefectureStatus } },
        m,
      );
      return { act, effects };
    });
  }

  async saveDeliberationRecord(actId: string, siren: string, row: Record<string, string>, warnings: string[]): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO deliberation_record (act_id, siren, row, warnings, built_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (act_id) DO UPDATE SET row = EXCLUDED.row, warnings = EXCLUDED.warnings, built_at = EXCLUDED.built_at`,
      [actId, siren, JSON.stringify(row), JSON.stringify(warnings)],
    );
  }

  /** Stores what the anonymiser made of an act: the publishable objet and text, the entities (offsets only). */
  async saveAnonymisation(
    actId: string,
    main: { documentId: string; pseudonymisedText: string; entities: DocumentEntity['entities'] },
    result: { publishedObjet: string; anonymisation: ActAnonymisation },
  ): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.getRepository(DocumentEntity).update({ id: main.documentId }, { pseudonymisedText: main.pseudonymisedText, entities: main.entities });
      await m.getRepository(ActEntity).update({ id: actId }, { publishedObjet: result.publishedObjet, anonymisation: result.anonymisation, updatedAt: new Date() });
    });
  }

  /** Records the publication policy's decision for an act and its files. */
  async savePublicationDecision(actId: string, decision: PublicationDecision, mainPublish: boolean): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.getRepository(ActEntity).update({ id: actId }, { publication: { act: decision.act, reasons: decision.reasons }, updatedAt: new Date() });
      await m.getRepository(DocumentEntity).update({ actId, role: 'main' }, { publish: mainPublish });
      for (const annex of decision.annexes) await m.getRepository(DocumentEntity).update({ actId, fileName: annex.fileName }, { publish: annex.publish });
    });
  }

  /** A reviewer's decision on a held act: approved, it goes on to publication; withheld, it is never published. */
  async recordReview(actId: string, review: NonNullable<ActAnonymisation['review']>): Promise<ActEntity> {
    const act = await this.transition(actId, review.decision === 'approve' ? 'processing' : 'withdrawn', `act.review_${review.decision}`, review.actor, {
      details: { comment: review.comment },
    });
    await this.dataSource.getRepository(ActEntity).update({ id: actId }, { anonymisation: { ...(act.anonymisation ?? { decision: 'review', reasons: [], redacted: 0 }), review } });
    return act;
  }

  /** Fills PREF_ID / PREF_DATE of an act's SCDL row once the prefecture has acknowledged it. */
  async setDeliberationPrefecture(actId: string, prefecture: { prefectureId: string | null; prefectureDate: string | null }): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(DeliberationRecordEntity);
      const record = await repo.findOne({ where: { actId }, lock: { mode: 'pessimistic_write' } });
      if (!record) return;
      const row = { ...record.row } as ScdlDeliberationRow;
      const warnings = setPrefectureFields(row, prefecture);
      await repo.update({ actId }, { row, warnings: [...record.warnings, ...warnings] });
    });
  }

  async deliberationRecord(actId: string): Promise<DeliberationRecordEntity | null> {
    return this.dataSource.getRepository(DeliberationRecordEntity).findOneBy({ actId });
  }

  /** Published SCDL rows in a stable order, read in pages so memory stays flat. */
  async *publishedDeliberationRows(filter: { siren?: string }, pageSize = 1000): AsyncGenerator<Record<string, string>> {
    let after: { date: string; id: string } | null = null;
    for (;;) {
      const params: unknown[] = [pageSize];
      let where = `a.status = 'published'`;
      if (filter.siren) {
        params.push(filter.siren);
        where += ` AND a.siren = $${params.length}`;
      }
      if (after) {
        params.push(after.date, after.id);
        where += ` AND (a.decision_date, a.id) > ($${params.length - 1}::date, $${params.length}::uuid)`;
      }
      const rows = (await this.dataSource.query(
        `SELECT a.id, to_char(a.decision_date, 'YYYY-MM-DD') AS date, r.row
           FROM act a JOIN deliberation_record r ON r.act_id = a.id
          WHERE ${where}
          ORDER BY a.decision_date, a.id
          LIMIT $1`,
        params,
      )) as { id: string; date: string; row: Record<string, string> }[];
      for (const r of rows) yield r.row;
      if (rows.length < pageSize) return;
      const last = rows[rows.length - 1];
      after = { date: last.date, id: last.id };
    }
  }
}

export function lifecycleStateOf(act: ActEntity): ActLifecycleState {
  return {
    status: act.status,
    prefecture: act.prefectureStatus,
    idActe: act.idActe,
    dateReception: act.dateReception,
    rejection: act.rejection,
    cancellationDate: act.cancellationDate,
    flags: act.flags ?? {},
  };
}
