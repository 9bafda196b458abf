import { canTransitionBudget, CodedError } from '@openactes/domain';
import { consolidateDecp, decpToCsv, parseCsv, type DecpContract, type DecpKind, type DecpRecord } from '@openactes/formats';
import type { DataSource } from 'typeorm';
import { AuditLog } from './audit-log';
import { ProcurementFileEntity, type ProcurementReport, type ProcurementStatus } from './entities/procurement-file.entity';

export interface NewProcurementFile {
  payloadSha256: string;
  workflowId: string;
  fileName: string;
  format: ProcurementFileEntity['format'];
  version: string;
  buyerSirens: string[];
}

export interface RegisteredProcurement {
  id: string;
  workflowId: string;
  status: ProcurementStatus;
  /** False when the same file was registered before. */
  isNew: boolean;
}

export interface ProcurementStatusChange {
  failure?: { code: string; message: string };
  details?: Record<string, unknown>;
}

export interface ProcurementFilter {
  /** Buyer (or autorité concédante) SIREN. */
  siren?: string;
  /** Year of the notification (marché) or signature (concession). */
  year?: number;
  kind?: DecpKind;
}

const SIRET = /^\d{14}$/;

/**
 * DECP files and their kept records. Records are stored per file as
 * normalised; a contract sent in several files (or several times in one) is
 * merged when read, with the library's `consolidateDecp`, across the
 * published files only.
 */
export class ProcurementStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  /** Idempotent by payload: the same file sent again is the same procurement. */
  async register(f: NewProcurementFile, actor: string): Promise<RegisteredProcurement> {
    return this.dataSource.transaction(async (m) => {
      const now = new Date();
      const inserted = (await m.query(
        `INSERT INTO procurement_file (payload_sha256, file_name, format, version, buyer_sirens, status, workflow_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'received', $6, $7, $7)
         ON CONFLICT DO NOTHING RETURNING id`,
        [f.payloadSha256, f.fileName, f.format, f.version, f.buyerSirens, f.workflowId, now],
      )) as { id: string }[];
      if (inserted.length) {
        const id = inserted[0].id;
        await this.audit.append(
          { actor, action: 'procurement.received', subjectType: 'procurement', subjectId: id, outcome: 'ok',
            details: { payloadSha256: f.payloadSha256, format: f.format, version: f.version, buyers: f.buyerSirens.length } },
          m,
        );
        return { id, workflowId: f.workflowId, status: 'received', isNew: true };
      }
      const existing = await m.getRepository(ProcurementFileEntity).findOneByOrFail({ payloadSha256: f.payloadSha256 });
      return { id: existing.id, workflowId: existing.workflowId, status: existing.status, isNew: false };
    });
  }

  async find(id: string): Promise<ProcurementFileEntity | null> {
    return this.dataSource.getRepository(ProcurementFileEntity).findOneBy({ id });
  }

  async get(id: string): Promise<ProcurementFileEntity> {
    const file = await this.find(id);
    if (!file) throw new CodedError('NOT_FOUND', `No procurement file ${id}`, { procurementId: id });
    return file;
  }

  /** Moves a file along its lifecycle and audits the step; replaying the same step is a no-op. */
  async transition(id: string, to: ProcurementStatus, step: string, actor: string, change: ProcurementStatusChange = {}): Promise<ProcurementFileEntity> {
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(ProcurementFileEntity);
      const file = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!file) throw new CodedError('NOT_FOUND', `No procurement file ${id}`, { procurementId: id });
      if (file.status === to && to !== 'processing') return file;
      if (!canTransitionBudget(file.status, to)) {
        throw new CodedError('CONFLICT', `Procurement file ${id} cannot go from ${file.status} to ${to}`, { from: file.status, to });
      }
      const now = new Date();
      file.status = to;
      file.updatedAt = now;
      file.failureCode = change.failure?.code ?? null;
      file.failureMessage = change.failure?.message ?? null;
      if (to === 'published') file.publishedAt = now;
      await repo.save(file);
      await this.audit.append(
        { actor, action: step, subjectType: 'procurement', subjectId: id, outcome: change.failure ? 'failed' : 'ok',
          details: { status: to, ...(change.failure ? { code: change.failure.code } : {}), ...change.details } },
        m,
      );
      return file;
    });
  }

  /**
   * Replaces the kept records of a file being processed (a retried step
   * rewrites them whole) and stores its report, counting the contracts that
   * earlier published files already hold.
   */
  async saveNormalisation(id: string, records: readonly DecpRecord[], report: Omit<ProcurementReport, 'mergedWithPublished'>, actor: string): Promise<ProcurementReport> {
    return this.dataSource.transaction(async (m) => {
      const file = await m.getRepository(ProcurementFileEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!file) throw new CodedError('NOT_FOUND', `No procurement file ${id}`, { procurementId: id });
      if (file.status !== 'processing') {
        throw new CodedError('CONFLICT', `Procurement file ${id} is ${file.status}, not processing: its records stay as they are`, { status: file.status });
      }
      await m.query('DELETE FROM procurement_record WHERE file_id = $1', [id]);
      const rows = records.map((record, position) => recordRow(record, position));
      for (let start = 0; start < rows.length; start += 500) {
        const page = rows.slice(start, start + 500);
        await m.query(
          `INSERT INTO procurement_record (file_id, position, record_id, kind, uid, buyer, siren, contract_id, year, data)
           SELECT $1::uuid, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::smallint[], $10::jsonb[])`,
          [id, page.map((r) => r.position), page.map((r) => r.recordId), page.map((r) => r.kind), page.map((r) => r.uid), page.map((r) => r.buyer),
            page.map((r) => r.buyer.slice(0, 9)), page.map((r) => r.contractId), page.map((r) => r.year), page.map((r) => JSON.stringify(r.data))],
        );
      }
      const [{ merged }] = (await m.query(
        `SELECT count(*)::int AS merged FROM (SELECT DISTINCT uid, kind FROM procurement_record WHERE file_id = $1) mine
          WHERE EXISTS (SELECT 1 FROM procurement_record r JOIN procurement_file f ON f.id = r.file_id
                         WHERE f.status = 'published' AND f.id <> $1 AND r.uid = mine.uid AND r.kind = mine.kind)`,
        [id],
      )) as { merged: number }[];
      const full: ProcurementReport = { ...report, mergedWithPublished: merged };
      await m.query('UPDATE procurement_file SET report = $2, updated_at = now() WHERE id = $1', [id, JSON.stringify(full)]);
      await this.audit.append(
        { actor, action: 'procurement.normalised', subjectType: 'procurement', subjectId: id, outcome: 'ok',
          details: { read: full.read, accepted: full.accepted, rejected: full.rejected, repaired: full.repaired,
            duplicatesMerged: full.duplicatesMerged, mergedWithPublished: full.mergedWithPublished } },
        m,
      );
      return full;
    });
  }

  /**
   * The contracts of published files, one per (kind, buyer SIRET, contract
   * id), every version merged and modifications applied in order; sorted by
   * uid then kind, read in pages so memory stays flat. A file's records are
   * written before it is published, so a reader sees all of them or none.
   */
  async *publishedContracts(filter: ProcurementFilter, pageSize = 200): AsyncGenerator<DecpContract> {
    let after: { uid: string; kind: string } | null = null;
    for (;;) {
      const params: unknown[] = [pageSize];
      let where = `f.status = 'published'`;
      if (filter.siren) {
        params.push(filter.siren);
        where += ` AND r.siren = $${params.length}`;
      }
      if (filter.year) {
        params.push(filter.year);
        where += ` AND r.year = $${params.length}`;
      }
      if (filter.kind) {
        params.push(filter.kind);
        where += ` AND r.kind = $${params.length}`;
      }
      if (after) {
        params.push(after.uid, after.kind);
        where += ` AND (r.uid, r.kind) > ($${params.length - 1}::text, $${params.length}::text)`;
      }
      const keys = (await this.dataSource.query(
        `SELECT r.uid, r.kind FROM procurement_record r JOIN procurement_file f ON f.id = r.file_id
          WHERE ${where} GROUP BY r.uid, r.kind ORDER BY r.uid, r.kind LIMIT $1`,
        params,
      )) as { uid: string; kind: string }[];
      if (keys.length === 0) return;
      const versions = (await this.dataSource.query(
        `SELECT r.uid, r.kind, r.record_id, r.data FROM procurement_record r JOIN procurement_file f ON f.id = r.file_id
          WHERE f.status = 'published' AND (r.uid, r.kind) IN (SELECT * FROM unnest($1::text[], $2::text[]))
          ORDER BY r.uid, r.kind, f.published_at, r.position`,
        [keys.map((k) => k.uid), keys.map((k) => k.kind)],
      )) as { uid: string; kind: DecpKind; record_id: string; data: never }[];
      const byKey = new Map<string, DecpRecord[]>();
      for (const v of versions) {
        const key = `${v.kind} ${v.uid}`;
        byKey.set(key, [...(byKey.get(key) ?? []), { recordId: v.record_id, kind: v.kind, data: v.data }]);
      }
      for (const { uid, kind } of keys) {
        const [contract] = consolidateDecp(byKey.get(`${kind} ${uid}`) ?? []).marches;
        // The latest version decides the contract's date: the year filter holds on the merged contract.
        if (contract && (!filter.year || contractYear(contract.kind, contract.data) === filter.year)) yield contract;
      }
      if (keys.length < pageSize) return;
      after = keys[keys.length - 1];
    }
  }

  /** The flat rows of `DECP_CSV_SCHEMA` (contract × state × holder) of the published contracts, in a stable order. */
  async *publishedRows(filter: { siren?: string; year?: number }): AsyncGenerator<Record<string, string>> {
    for await (const contract of this.publishedContracts(filter)) {
      // decpToCsv validates the rows against the Table Schema before they exist.
      const [header, ...rows] = parseCsv(decpToCsv([contract]));
      for (const row of rows) yield Object.fromEntries(header.map((name, i) => [name, row[i] ?? '']));
    }
  }
}

function recordRow(record: DecpRecord, position: number) {
  const buyer = record.kind === 'marche' ? record.data.acheteur.id : record.data.autoriteConcedante.id;
  // Kept records passed the SIRET checks: anything else is a bug upstream, not bad input.
  if (!SIRET.test(buyer)) throw new CodedError('INTERNAL_ERROR', `Kept record ${record.recordId} has no buyer SIRET`, { recordId: record.recordId });
  return {
    position,
    recordId: record.recordId,
    kind: record.kind,
    uid: `${buyer}${record.data.id}`,
    buyer,
    contractId: record.data.id,
    year: contractYear(record.kind, record.data),
    data: record.data,
  };
}

function contractYear(kind: DecpKind, data: { dateNotification?: string; dateSignature?: string }): number {
  return Number((kind === 'marche' ? data.dateNotification : data.dateSignature)?.slice(0, 4));
}
