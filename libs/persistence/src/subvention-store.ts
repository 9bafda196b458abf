import { canTransitionBudget, CodedError } from '@openactes/domain';
import type { SubventionFileReport, SubventionRowOutcome } from '@openactes/formats';
import type { DataSource } from 'typeorm';
import { AuditLog } from './audit-log';
import { SubventionFileEntity, type SubventionFileStatus } from './entities/subvention-file.entity';

export interface NewSubventionFile {
  payloadSha256: string;
  workflowId: string;
  fileName: string;
  attribuantSirens: string[];
}

export interface RegisteredSubventionFile {
  id: string;
  workflowId: string;
  status: SubventionFileStatus;
  /** False when the same file was registered before. */
  isNew: boolean;
}

export interface SubventionStatusChange {
  failure?: { code: string; message: string };
  details?: Record<string, unknown>;
}

/** A published subventions row as the datasets read it. */
export interface PublishedSubventionRow {
  key: string;
  siren: string;
  year: number;
  row: Record<string, string>;
}

/** Where published rows are: not quarantined, not a repeat of an earlier row, of a published file. */
const PUBLISHED = `r.errors IS NULL AND r.duplicate_of IS NULL AND f.status = 'published'`;

/** Subventions CSV files and their rows; every state change is audited in the same transaction. */
export class SubventionStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  /** Idempotent by payload: the same file sent again is the same subvention file. */
  async register(f: NewSubventionFile, actor: string): Promise<RegisteredSubventionFile> {
    return this.dataSource.transaction(async (m) => {
      const now = new Date();
      const inserted = (await m.query(
        `INSERT INTO subvention_file (payload_sha256, file_name, attribuant_sirens, status, workflow_id, created_at, updated_at)
         VALUES ($1, $2, $3, 'received', $4, $5, $5)
         ON CONFLICT DO NOTHING RETURNING id`,
        [f.payloadSha256, f.fileName, f.attribuantSirens, f.workflowId, now],
      )) as { id: string }[];
      if (inserted.length) {
        const id = inserted[0].id;
        await this.audit.append(
          { actor, action: 'subventions.received', subjectType: 'subventions', subjectId: id, outcome: 'ok',
            details: { payloadSha256: f.payloadSha256, attribuants: f.attribuantSirens.length } },
          m,
        );
        return { id, workflowId: f.workflowId, status: 'received', isNew: true };
      }
      const existing = await m.getRepository(SubventionFileEntity).findOneByOrFail({ payloadSha256: f.payloadSha256 });
      return { id: existing.id, workflowId: existing.workflowId, status: existing.status, isNew: false };
    });
  }

  async get(id: string): Promise<SubventionFileEntity> {
    const file = await this.dataSource.getRepository(SubventionFileEntity).findOneBy({ id });
    if (!file) throw new CodedError('NOT_FOUND', `No subventions file ${id}`, { subventionFileId: id });
    return file;
  }

  /** Moves a file along its lifecycle and audits the step; replaying the same step is a no-op. */
  async transition(id: string, to: SubventionFileStatus, step: string, actor: string, change: SubventionStatusChange = {}): Promise<SubventionFileEntity> {
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(SubventionFileEntity);
      const file = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!file) throw new CodedError('NOT_FOUND', `No subventions file ${id}`, { subventionFileId: id });
      if (file.status === to && to !== 'processing') return file;
      if (!canTransitionBudget(file.status, to)) {
        throw new CodedError('CONFLICT', `Subventions file ${id} cannot go from ${file.status} to ${to}`, { from: file.status, to });
      }
      const now = new Date();
      file.status = to;
      file.updatedAt = now;
      file.failureCode = change.failure?.code ?? null;
      file.failureMessage = change.failure?.message ?? null;
      if (to === 'published') file.publishedAt = now;
      await repo.save(file);
      await this.audit.append(
        { actor, action: step, subjectType: 'subventions', subjectId: id, outcome: change.failure ? 'failed' : 'ok',
          details: { status: to, ...(change.failure ? { code: change.failure.code } : {}), ...change.details } },
        m,
      );
      return file;
    });
  }

  /** Replaces the rows of a file being processed (a retried step rewrites them whole) and stores its report. */
  async saveNormalisation(id: string, rows: readonly SubventionRowOutcome[], report: SubventionFileReport, actor: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const file = await m.getRepository(SubventionFileEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!file) throw new CodedError('NOT_FOUND', `No subventions file ${id}`, { subventionFileId: id });
      if (file.status !== 'processing') {
        throw new CodedError('CONFLICT', `Subventions file ${id} is ${file.status}, not processing: its rows stay as they are`, { status: file.status });
      }
      await m.query('DELETE FROM subvention_row WHERE file_id = $1', [id]);
      for (let start = 0; start < rows.length; start += 500) {
        const page = rows.slice(start, start + 500);
        const publishable = (r: SubventionRowOutcome) => r.errors === null;
        await m.query(
          `INSERT INTO subvention_row (file_id, position, row, errors, repairs, duplicate_of, siren, year)
           SELECT $1::uuid, * FROM unnest($2::int[], $3::jsonb[], $4::jsonb[], $5::jsonb[], $6::int[], $7::text[], $8::smallint[])`,
          [id, page.map((r) => r.position), page.map((r) => JSON.stringify(r.row)), page.map((r) => (r.errors ? JSON.stringify(r.errors) : null)),
            page.map((r) => JSON.stringify(r.repairs)), page.map((r) => r.duplicateOf),
            page.map((r) => (publishable(r) ? r.row.idAttribuant.slice(0, 9) : null)), page.map((r) => (publishable(r) ? Number(r.row.dateConvention.slice(0, 4)) : null))],
        );
      }
      await m.query('UPDATE subvention_file SET report = $2, updated_at = now() WHERE id = $1', [id, JSON.stringify(report)]);
      await this.audit.append(
        { actor, action: 'subventions.normalised', subjectType: 'subventions', subjectId: id, outcome: 'ok',
          details: { read: report.read, published: report.published, quarantined: report.quarantined, repairedRows: report.repairedRows, duplicatesMerged: report.duplicatesMerged } },
        m,
      );
    });
  }

  /** SIRENs of the granting authorities of a file's publishable rows. */
  async publishedSirens(id: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT siren FROM subvention_row WHERE file_id = $1 AND errors IS NULL AND duplicate_of IS NULL ORDER BY siren`,
      [id],
    )) as { siren: string }[];
    return rows.map((r) => r.siren);
  }

  /**
   * Published rows of published files, in a stable order (file, position),
   * read in pages so memory stays flat. A file's rows are written before it is
   * published, so a reader sees all of them or none.
   */
  async *publishedRows(filter: { siren?: string; year?: number }, pageSize = 1000): AsyncGenerator<PublishedSubventionRow> {
    let after: { fileId: string; position: number } = { fileId: '00000000-0000-0000-0000-000000000000', position: 0 };
    for (;;) {
      const params: unknown[] = [pageSize, after.fileId, after.position];
      let where = `${PUBLISHED} AND (r.file_id, r.position) > ($2::uuid, $3::int)`;
      if (filter.siren) where += ` AND r.siren = $${params.push(filter.siren)}`;
      if (filter.year) where += ` AND r.year = $${params.push(filter.year)}`;
      const rows = (await this.dataSource.query(
        `SELECT r.file_id, r.position, r.siren, r.year, r.row
           FROM subvention_row r JOIN subvention_file f ON f.id = r.file_id
          WHERE ${where}
          ORDER BY r.file_id, r.position LIMIT $1`,
        params,
      )) as { file_id: string; position: number; siren: string; year: number; row: Record<string, string> }[];
      for (const r of rows) yield { key: `subvention-${r.file_id}#${r.position}`, siren: r.siren, year: r.year, row: r.row };
      if (rows.length < pageSize) return;
      const last = rows[rows.length - 1];
      after = { fileId: last.file_id, position: last.position };
    }
  }
}
