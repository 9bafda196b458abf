import { CodedError } from '@openactes/domain';
import type { DatasetRecord } from '@openactes/formats';
import type { DataSource, EntityManager } from 'typeorm';

export type DatasetType = 'deliberations' | 'actes' | 'budget' | 'subventions' | 'procurement';
export const DATASET_TYPES: readonly DatasetType[] = ['deliberations', 'actes', 'budget', 'subventions', 'procurement'];

/** A row as the sources compute it now, accepted by its schema; the store decides whether it is new, changed or unchanged. */
export type DesiredRecord = Omit<DatasetRecord, 'errors'>;

export interface DatasetRow {
  id: string;
  type: DatasetType;
  siren: string | null;
  latestVersion: number | null;
  createdAt: Date;
  modifiedAt: Date;
}

export interface DatasetVersionRow {
  datasetId: string;
  number: number;
  createdAt: Date;
  rowCount: number;
  added: number;
  removed: number;
  quarantined: number;
  quarantine: Record<string, number>;
  csvSha256: string | null;
  csvBytes: number | null;
  jsonSha256: string | null;
  jsonBytes: number | null;
  firstDate: string | null;
  lastDate: string | null;
}

export interface Regeneration {
  /** Null when nothing changed since the latest version. */
  version: number | null;
  added: number;
  removed: number;
  rowCount: number;
}

export interface RecordFilter {
  siren?: string;
  from?: string;
  to?: string;
  nature?: string;
  matiere?: string;
  year?: number;
  q?: string;
}

export interface DatasetChanges {
  from: number;
  to: number;
  added: string[];
  changed: string[];
  removed: string[];
}

const BATCH = 1000;

/** Dataset identity: one per type for the platform, and one per type × collectivity. */
export function datasetId(type: DatasetType, siren: string | null): string {
  return siren ? `${type}-${siren}` : type;
}

export function parseDatasetId(id: string): { type: DatasetType; siren: string | null } | null {
  const m = /^([a-z]+)(?:-(\d{9}))?$/.exec(id);
  if (!m || !DATASET_TYPES.includes(m[1] as DatasetType)) return null;
  return { type: m[1] as DatasetType, siren: m[2] ?? null };
}

/**
 * Versioned datasets. A version is immutable: its rows are the records whose
 * [added_in, removed_in) range holds its number, served in record-key order,
 * so its content (and hash) never changes once sealed.
 */
export class DatasetStore {
  constructor(private readonly dataSource: DataSource) {}

  async ensure(id: string): Promise<DatasetRow> {
    const parsed = parseDatasetId(id);
    if (!parsed) throw new CodedError('NOT_FOUND', `No dataset ${id}`, { datasetId: id });
    await this.dataSource.query(
      `INSERT INTO dataset (id, type, siren, created_at, modified_at) VALUES ($1, $2, $3, now(), now()) ON CONFLICT (id) DO NOTHING`,
      [id, parsed.type, parsed.siren],
    );
    return this.get(id);
  }

  async find(id: string): Promise<DatasetRow | null> {
    const [row] = (await this.dataSource.query(`SELECT * FROM dataset WHERE id = $1`, [id])) as DbDataset[];
    return row ? toDataset(row) : null;
  }

  async get(id: string): Promise<DatasetRow> {
    const dataset = await this.find(id);
    if (!dataset) throw new CodedError('NOT_FOUND', `No dataset ${id}`, { datasetId: id });
    return dataset;
  }

  /** Datasets that have at least one sealed version, consolidated ones first. */
  async list(filter: { type?: DatasetType; siren?: string }, offset: number, limit: number): Promise<{ items: DatasetRow[]; total: number }> {
    const params: unknown[] = [];
    let where = 'latest_version IS NOT NULL';
    if (filter.type) {
      params.push(filter.type);
      where += ` AND type = $${params.length}`;
    }
    if (filter.siren) {
      params.push(filter.siren);
      where += ` AND siren = $${params.length}`;
    }
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total FROM dataset WHERE ${where}`, params)) as { total: number }[];
    const rows = (await this.dataSource.query(
      `SELECT * FROM dataset WHERE ${where} ORDER BY siren NULLS FIRST, type, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    )) as DbDataset[];
    return { items: rows.map(toDataset), total };
  }

  /**
   * Diffs what the sources give now against the latest version and, when
   * anything changed, opens the next version (unsealed until its files are
   * hashed). A version left unsealed by a crash is undone first, so a retried
   * regeneration never skips or duplicates a version.
   */
  async regenerate(id: string, records: AsyncIterable<DesiredRecord>, quarantine: { count: number; reasons: Record<string, number> }): Promise<Regeneration> {
    return this.dataSource.transaction(async (m) => {
      const [dataset] = (await m.query(`SELECT * FROM dataset WHERE id = $1 FOR UPDATE`, [id])) as DbDataset[];
      if (!dataset) throw new CodedError('NOT_FOUND', `No dataset ${id}`, { datasetId: id });
      await this.undoUnsealed(m, id);
      const number = (dataset.latest_version ?? 0) + 1;

      await m.query(`
        CREATE TEMP TABLE desired (
          record_key text COLLATE "C" PRIMARY KEY, row_sha256 char(64), row jsonb, siren char(9), record_date date,
          nature text, matiere text, year smallint, search_text text
        ) ON COMMIT DROP`);
      let batch: DesiredRecord[] = [];
      const flush = async () => {
        if (!batch.length) return;
        await m.query(
          `INSERT INTO desired
           SELECT * FROM unnest($1::text[], $2::char(64)[], $3::jsonb[], $4::char(9)[], $5::date[], $6::text[], $7::text[], $8::smallint[], $9::text[])
           ON CONFLICT (record_key) DO NOTHING`,
          [batch.map((r) => r.key), batch.map((r) => r.rowSha256), batch.map((r) => JSON.stringify(r.row)), batch.map((r) => r.siren),
            batch.map((r) => r.date), batch.map((r) => r.nature), batch.map((r) => r.matiere), batch.map((r) => r.year), batch.map((r) => r.searchText)],
        );
        batch = [];
      };
      for await (const record of records) {
        batch.push(record);
        if (batch.length >= BATCH) await flush();
      }
      await flush();

      const removed: unknown = await m.query(
        `UPDATE dataset_record r SET removed_in = $2
          WHERE r.dataset_id = $1 AND r.removed_in IS NULL
            AND NOT EXISTS (SELECT 1 FROM desired d WHERE d.record_key = r.record_key AND d.row_sha256 = r.row_sha256)`,
        [id, number],
      );
      const [{ n: addedCount }] = (await m.query(
        `WITH inserted AS (INSERT INTO dataset_record (dataset_id, record_key, added_in, row_sha256, row, siren, record_date, nature, matiere, year, search)
         SELECT $1, d.record_key, $2, d.row_sha256, d.row, d.siren, d.record_date, d.nature, d.matiere, d.year,
                CASE WHEN d.search_text IS NULL THEN NULL ELSE to_tsvector('openactes_fr', d.search_text) END
           FROM desired d
          WHERE NOT EXISTS (SELECT 1 FROM dataset_record r WHERE r.dataset_id = $1 AND r.removed_in IS NULL AND r.record_key = d.record_key)
         RETURNING 1)
         SELECT count(*)::int AS n FROM inserted`,
        [id, number],
      )) as { n: number }[];
      const removedCount = affected(removed);
      const [{ rows, first, last }] = (await m.query(
        `SELECT count(*)::int AS rows, to_char(min(record_date), 'YYYY-MM-DD') AS first, to_char(max(record_date), 'YYYY-MM-DD') AS last FROM desired`,
      )) as { rows: number; first: string | null; last: string | null }[];
      if (addedCount === 0 && removedCount === 0 && dataset.latest_version !== null) return { version: null, added: 0, removed: 0, rowCount: rows };
      await m.query(
        `INSERT INTO dataset_version (dataset_id, number, created_at, row_count, added, removed, quarantined, quarantine, first_date, last_date)
         VALUES ($1, $2, now(), $3, $4, $5, $6, $7, $8, $9)`,
        [id, number, rows, addedCount, removedCount, quarantine.count, JSON.stringify(quarantine.reasons), first, last],
      );
      return { version: number, added: addedCount, removed: removedCount, rowCount: rows };
    });
  }

  /** Records the hashes and sizes of a version's files and makes it the latest. */
  async seal(id: string, number: number, files: { csvSha256: string; csvBytes: number; jsonSha256: string; jsonBytes: number }): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `UPDATE dataset_version SET csv_sha256 = $3, csv_bytes = $4, json_sha256 = $5, json_bytes = $6, sealed_at = now()
          WHERE dataset_id = $1 AND number = $2 AND sealed_at IS NULL`,
        [id, number, files.csvSha256, files.csvBytes, files.jsonSha256, files.jsonBytes],
      );
      await m.query(`UPDATE dataset SET latest_version = GREATEST(coalesce(latest_version, 0), $2), modified_at = now() WHERE id = $1`, [id, number]);
    });
  }

  async versions(id: string): Promise<DatasetVersionRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM dataset_version WHERE dataset_id = $1 AND sealed_at IS NOT NULL ORDER BY number DESC`,
      [id],
    )) as DbVersion[];
    return rows.map(toVersion);
  }

  /** A version, sealed or being sealed (its rows are final either way). */
  async version(id: string, number: number, { sealedOnly = true } = {}): Promise<DatasetVersionRow> {
    const [row] = (await this.dataSource.query(
      `SELECT * FROM dataset_version WHERE dataset_id = $1 AND number = $2 ${sealedOnly ? 'AND sealed_at IS NOT NULL' : ''}`,
      [id, number],
    )) as DbVersion[];
    if (!row) throw new CodedError('NOT_FOUND', `Dataset ${id} has no version ${number}`, { datasetId: id, version: number });
    return toVersion(row);
  }

  /** The rows of a version in record-key order, read in pages: memory stays flat whatever the size. */
  async *versionRows(id: string, number: number, pageSize = 5000): AsyncGenerator<Record<string, string>> {
    let after = '';
    for (;;) {
      const rows = (await this.dataSource.query(
        `SELECT record_key, row FROM dataset_record
          WHERE dataset_id = $1 AND added_in <= $2 AND (removed_in IS NULL OR removed_in > $2) AND record_key > $3
          ORDER BY record_key LIMIT $4`,
        [id, number, after, pageSize],
      )) as { record_key: string; row: Record<string, string> }[];
      for (const r of rows) yield r.row;
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1].record_key;
    }
  }

  /** Records of a version matching the filters, by cursor (the last record key seen). */
  async records(id: string, number: number, filter: RecordFilter, cursor: string | null, limit: number): Promise<{ items: { key: string; row: Record<string, string> }[]; next: string | null }> {
    const params: unknown[] = [id, number, cursor ?? '', limit + 1];
    let where = `dataset_id = $1 AND added_in <= $2 AND (removed_in IS NULL OR removed_in > $2) AND record_key > $3`;
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where += ` AND ${sql.replaceAll('?', `$${params.length}`)}`;
    };
    if (filter.siren) add('siren = ?', filter.siren);
    if (filter.from) add('record_date >= ?::date', filter.from);
    if (filter.to) add('record_date <= ?::date', filter.to);
    if (filter.nature) add('nature = ?', filter.nature);
    // A family (7) or a code (7.1): `7.1` must not match `7.10`.
    if (filter.matiere) add(`(matiere = ? OR matiere LIKE ? || '.%')`, filter.matiere);
    if (filter.year) add('year = ?', filter.year);
    if (filter.q) add(`search @@ websearch_to_tsquery('openactes_fr', ?)`, filter.q);
    const rows = (await this.dataSource.query(
      `SELECT record_key, row FROM dataset_record WHERE ${where} ORDER BY record_key LIMIT $4`,
      params,
    )) as { record_key: string; row: Record<string, string> }[];
    const items = rows.slice(0, limit).map((r) => ({ key: r.record_key, row: r.row }));
    return { items, next: rows.length > limit ? items[items.length - 1].key : null };
  }

  /** What changed after version `since` up to version `to`: keys added, changed (new content) and removed. */
  async changes(id: string, since: number, to: number): Promise<DatasetChanges> {
    const rows = (await this.dataSource.query(
      `SELECT record_key,
              bool_or(added_in > $2 AND added_in <= $3) AS added,
              bool_or(removed_in > $2 AND removed_in <= $3) AS removed,
              bool_or(added_in <= $3 AND (removed_in IS NULL OR removed_in > $3)) AS live
         FROM dataset_record
        WHERE dataset_id = $1 AND ((added_in > $2 AND added_in <= $3) OR (removed_in > $2 AND removed_in <= $3))
        GROUP BY record_key ORDER BY record_key`,
      [id, since, to],
    )) as { record_key: string; added: boolean; removed: boolean; live: boolean }[];
    const existedBefore = new Set(
      ((await this.dataSource.query(
        `SELECT DISTINCT record_key FROM dataset_record WHERE dataset_id = $1 AND record_key = ANY($2) AND added_in <= $3 AND (removed_in IS NULL OR removed_in > $3)`,
        [id, rows.map((r) => r.record_key), since],
      )) as { record_key: string }[]).map((r) => r.record_key),
    );
    const changes: DatasetChanges = { from: since, to, added: [], changed: [], removed: [] };
    for (const r of rows) {
      if (r.live && existedBefore.has(r.record_key)) changes.changed.push(r.record_key);
      else if (r.live) changes.added.push(r.record_key);
      else if (existedBefore.has(r.record_key)) changes.removed.push(r.record_key);
    }
    return changes;
  }

  /** The versions of every dataset a record appears in, as ranges [from, to] (to null: still in the latest). */
  async appearances(recordKey: string): Promise<{ datasetId: string; fromVersion: number; toVersion: number | null }[]> {
    const rows = (await this.dataSource.query(
      `SELECT r.dataset_id, r.added_in, r.removed_in FROM dataset_record r JOIN dataset d ON d.id = r.dataset_id
        WHERE r.record_key = $1 AND r.added_in <= coalesce(d.latest_version, 0) ORDER BY r.dataset_id, r.added_in`,
      [recordKey],
    )) as { dataset_id: string; added_in: number; removed_in: number | null }[];
    return rows.map((r) => ({ datasetId: r.dataset_id, fromVersion: r.added_in, toVersion: r.removed_in === null ? null : r.removed_in - 1 }));
  }

  private async undoUnsealed(m: EntityManager, id: string): Promise<void> {
    const unsealed = (await m.query(`SELECT number FROM dataset_version WHERE dataset_id = $1 AND sealed_at IS NULL`, [id])) as { number: number }[];
    for (const { number } of unsealed) {
      await m.query(`DELETE FROM dataset_record WHERE dataset_id = $1 AND added_in = $2`, [id, number]);
      await m.query(`UPDATE dataset_record SET removed_in = NULL WHERE dataset_id = $1 AND removed_in = $2`, [id, number]);
      await m.query(`DELETE FROM dataset_version WHERE dataset_id = $1 AND number = $2`, [id, number]);
    }
  }
}

interface DbDataset {
  id: string;
  type: DatasetType;
  siren: string | null;
  latest_version: number | null;
  created_at: Date;
  modified_at: Date;
}

interface DbVersion {
  dataset_id: string;
  number: number;
  created_at: Date;
  row_count: number;
  added: number;
  removed: number;
  quarantined: number;
  quarantine: Record<string, number>;
  csv_sha256: string | null;
  csv_bytes: string | null;
  json_sha256: string | null;
  json_bytes: string | null;
  first_date: Date | string | null;
  last_date: Date | string | null;
}

function toDataset(r: DbDataset): DatasetRow {
  return { id: r.id, type: r.type, siren: r.siren, latestVersion: r.latest_version, createdAt: r.created_at, modifiedAt: r.modified_at };
}

function toVersion(r: DbVersion): DatasetVersionRow {
  return {
    datasetId: r.dataset_id,
    number: r.number,
    createdAt: r.created_at,
    rowCount: r.row_count,
    added: r.added,
    removed: r.removed,
    quarantined: r.quarantined,
    quarantine: r.quarantine,
    csvSha256: r.csv_sha256,
    csvBytes: r.csv_bytes === null ? null : Number(r.csv_bytes),
    jsonSha256: r.json_sha256,
    jsonBytes: r.json_bytes === null ? null : Number(r.json_bytes),
    firstDate: isoDate(r.first_date),
    lastDate: isoDate(r.last_date),
  };
}

function isoDate(value: Date | string | null): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return value.slice(0, 10);
  return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;
}

/** TypeORM answers an UPDATE with `[rows, affected]`. */
function affected(result: unknown): number {
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
}
