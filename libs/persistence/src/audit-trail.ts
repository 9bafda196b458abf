import type { DataSource } from 'typeorm';
import { auditEventHash, canonicalJson, GENESIS_HASH, sha256Hex } from './audit-chain';

export interface AuditFilter {
  subjectType?: string;
  subjectId?: string;
  from?: Date;
  to?: Date;
}

export interface ExportedAuditEvent {
  seq: string;
  chain: number;
  at: string;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  outcome: string;
  details: Record<string, unknown>;
  payloadDigest: string;
  prevHash: string;
  hash: string;
}

export interface BrokenLink {
  seq: string;
  chain: number;
  /** 1-based position in its chain. */
  position: number;
  /** What does not match: `payload_digest` (details altered), `prev_hash` (a link removed or reordered), `hash` (a field altered). */
  differs: ('payload_digest' | 'prev_hash' | 'hash')[];
}

export interface AuditVerification {
  checked: number;
  broken: BrokenLink | null;
}

const PAGE = 2000;

/** Every event of the filter, in chain order, read page by page. */
export async function* auditEvents(dataSource: DataSource, filter: AuditFilter = {}): AsyncGenerator<ExportedAuditEvent> {
  let after = '0';
  for (;;) {
    const params: unknown[] = [after];
    const where = ['seq > $1'];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.subjectType) add('subject_type = ?', filter.subjectType);
    if (filter.subjectId) add('subject_id = ?', filter.subjectId);
    if (filter.from) add('at >= ?', filter.from);
    if (filter.to) add('at < ?', filter.to);
    const rows = (await dataSource.query(
      `SELECT seq, chain, at, actor, action, subject_type, subject_id, outcome, details, payload_digest, prev_hash, hash
         FROM audit_event WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ${PAGE}`,
      params,
    )) as Record<string, unknown>[];
    for (const r of rows) {
      yield {
        seq: String(r.seq),
        chain: Number(r.chain),
        at: (r.at as Date).toISOString(),
        actor: r.actor as string,
        action: r.action as string,
        subjectType: r.subject_type as string,
        subjectId: r.subject_id as string,
        outcome: r.outcome as string,
        details: r.details as Record<string, unknown>,
        payloadDigest: r.payload_digest as string,
        prevHash: r.prev_hash as string,
        hash: r.hash as string,
      };
    }
    if (rows.length < PAGE) return;
    after = String(rows[rows.length - 1].seq);
  }
}

/** Recomputes every chain; reports the first event (in trail order) that does not match, and how. */
export async function verifyAuditTrail(dataSource: DataSource): Promise<AuditVerification> {
  const chains = new Map<number, { prev: string; position: number }>();
  let checked = 0;
  for await (const e of auditEvents(dataSource)) {
    checked++;
    const chain = chains.get(e.chain) ?? { prev: GENESIS_HASH, position: 0 };
    chains.set(e.chain, chain);
    chain.position++;
    const payloadDigest = sha256Hex(canonicalJson(e.details));
    const differs: BrokenLink['differs'] = [];
    if (e.payloadDigest !== payloadDigest) differs.push('payload_digest');
    if (e.prevHash !== chain.prev) differs.push('prev_hash');
    const expected = auditEventHash(chain.prev, {
      at: new Date(e.at), actor: e.actor, action: e.action, subjectType: e.subjectType, subjectId: e.subjectId, outcome: e.outcome, payloadDigest,
    });
    if (e.hash !== expected) differs.push('hash');
    if (differs.length) return { checked, broken: { seq: e.seq, chain: e.chain, position: chain.position, differs } };
    chain.prev = e.hash;
  }
  return { checked, broken: null };
}

export const AUDIT_CSV_HEADER = ['seq', 'chain', 'at', 'actor', 'action', 'subject_type', 'subject_id', 'outcome', 'details', 'payload_digest', 'prev_hash', 'hash'] as const;

export function auditCsvLine(e: ExportedAuditEvent): string {
  return [e.seq, String(e.chain), e.at, e.actor, e.action, e.subjectType, e.subjectId, e.outcome, JSON.stringify(e.details), e.payloadDigest, e.prevHash, e.hash]
    .map(csvField)
    .join(',');
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
