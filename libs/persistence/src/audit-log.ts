import type { DataSource, EntityManager } from 'typeorm';
import { auditEventHash, canonicalJson, GENESIS_HASH, sha256Hex } from './audit-chain';
import { verifyAuditTrail } from './audit-trail';
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

/**
 * How many hash chains the trail is split into. A transaction extends one
 * chain, chosen by its first event's subject, and holds only that chain's
 * lock: writers of different chains never wait for each other.
 */
export const AUDIT_CHAINS = 16;

export class AuditLog {
  /** The chain each open transaction extends (one lock per transaction: no lock-order deadlocks between chains). */
  private readonly chainOf = new WeakMap<object, number>();

  constructor(private readonly dataSource: DataSource) {}

  /** Appends one event to the chain, inside the caller's transaction when given one. */
  async append(e: AuditEventInput, manager?: EntityManager): Promise<AuditEventEntity> {
    if (!manager?.queryRunner?.isTransactionActive) {
      return this.dataSource.transaction((m) => this.append(e, m));
    }
    const transaction = manager.queryRunner;
    let chain = this.chainOf.get(transaction);
    if (chain === undefined) {
      chain = chainFor(e.subjectType, e.subjectId);
      this.chainOf.set(transaction, chain);
    }
    // One writer at a time extends a chain; held until the transaction ends (taking it again in the same transaction is free).
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`openactes:audit:${chain}`]);
    const [last] = (await manager.query('SELECT hash FROM audit_event WHERE chain = $1 ORDER BY seq DESC LIMIT 1', [chain])) as { hash: string }[];
    const details = e.details ?? {};
    const fields = { ...e, at: new Date(), payloadDigest: sha256Hex(canonicalJson(details)) };
    const prevHash = last?.hash ?? GENESIS_HASH;
    return manager.getRepository(AuditEventEntity).save({
      ...fields,
      chain,
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

  /** Recomputes every link of every chain; reports the first event whose stored hash does not match. */
  async verify(): Promise<AuditChainCheck> {
    const { checked, broken } = await verifyAuditTrail(this.dataSource);
    return { checked, firstBrokenSeq: broken?.seq ?? null };
  }
}

function chainFor(subjectType: string, subjectId: string): number {
  return parseInt(sha256Hex(`${subjectType}:${subjectId}`).slice(0, 8), 16) % AUDIT_CHAINS;
}
