import type { DataSource, EntityManager } from 'typeorm';
import { auditEventHash, canonicalJson, GENESIS_HASH, sha256Hex } from './audit-chain';
import { AuditEventEntity } from './entities/audit-event.entity';

export interface AuditEventInput {
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  outcome: 'ok' | 'failed' | 'rejected' | 'retrying';
  /** Ids, codes and counts only: never document text or personal values. */
  details?: Record<string, unknown>;
}

export interface AuditChainCheck {
  checked: number;
  firstBrokenSeq: string | null;
}

export class AuditLog {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends one event to the chain, inside the caller's transaction when given one. */
  async append(e: AuditEventInput, manager?: EntityManager): Promise<AuditEventEntity> {
    if (!manager?.queryRunner?.isTransactionActive) {
      return this.dataSource.transaction((m) => this.append(e, m));
    }
    // One writer at a time extends the chain; held until the transaction ends.
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['openactes:audit']);
    const [last] = (await manager.query('SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1')) as { hash: string }[];
    const details = e.details ?? {};
    const fields = { ...e, at: new Date(), payloadDigest: sha256Hex(canonicalJson(details)) };
    const prevHash = last?.hash ?? GENESIS_HASH;
    return manager.getRepository(AuditEventEntity).save({
      ...fields,
      details,
      prevHash,
      hash: auditEventHash(prevHash, fields),
    });
  }

  async forSubject(subjectType: string, subjectId: string): Promise<AuditEventEntity[]> {
    return this.dataSource.getRepository(AuditEventEntity).find({
      where: { subjectType, subjectId },
      order: { seq: 'ASC' },
    });
  }

  /** Recomputes every link; reports the first event whose stored hash does not match. */
  async verify(): Promise<AuditChainCheck> {
    const rows = (await this.dataSource.query(
      `SELECT seq, at, actor, action, subject_type, subject_id, outcome, details, payload_digest, prev_hash, hash
         FROM audit_event ORDER BY seq`,
    )) as Record<string, string & Date & Record<string, unknown>>[];
    let prev = GENESIS_HASH;
    for (const r of rows) {
      const fields = {
        at: new Date(r.at),
        actor: r.actor,
        action: r.action,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        outcome: r.outcome,
        payloadDigest: sha256Hex(canonicalJson(r.details)),
      };
      if (r.payload_digest !== fields.payloadDigest || r.prev_hash !== prev || r.hash !== auditEventHash(prev, fields)) {
        return { checked: rows.length, firstBrokenSeq: String(r.seq) };
      }
      prev = r.hash;
    }
    return { checked: rows.length, firstBrokenSeq: null };
  }
}
