import { CodedError, type ActStatus } from '@openactes/domain';
import type { DataSource } from 'typeorm';
import type { AuditLog } from './audit-log';

export interface PullConfigInput {
  /** Platform name; the platform is created when new. */
  platform: string;
  baseUrl: string;
  /** Given together (password may be omitted); when both are undefined, the stored ones are kept. */
  username?: string | null;
  password?: string | null;
  /** Omitted values keep the stored ones, or the defaults (4, 50, 0, enabled) for a new platform. */
  statusFilter?: number;
  pageSize?: number;
  minAgeDays?: number;
  enabled?: boolean;
}

/** What a pull run needs; holds the password, so it is never logged nor printed. */
export interface PullSettings {
  platformId: string;
  platformName: string;
  baseUrl: string;
  username: string | null;
  password: string | null;
  statusFilter: number;
  pageSize: number;
  minAgeDays: number;
  enabled: boolean;
}

export interface PullOverview extends Omit<PullSettings, 'password'> {
  lastRunAt: Date | null;
  lastError: string | null;
  /** Ledger rows: transactions pulled, of which gave an act, of which were rejected by ingestion. */
  pulled: number;
  withAct: number;
  rejected: number;
  lastImportedAt: Date | null;
}

export interface PulledTransactionRecord {
  platformId: string;
  remoteId: string;
  payloadSha256: string;
  actId: string | null;
  arPayloadSha256: string | null;
  rejectionCode: string | null;
}

export interface PulledTransactionState {
  actId: string | null;
  actKey: string | null;
  actStatus: ActStatus | null;
}

const SETTINGS_COLUMNS = `pp.platform_id AS "platformId", p.name AS "platformName", pp.base_url AS "baseUrl", pp.username,
  pp.status_filter AS "statusFilter", pp.page_size AS "pageSize", pp.min_age_days AS "minAgeDays", pp.enabled`;

/** Pull-connector settings per platform and the ledger that keeps a transaction from being imported twice. */
export class PullStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async configure(input: PullConfigInput, actor: string): Promise<{ platformId: string; platformName: string; created: boolean }> {
    const c = validate(input);
    return this.dataSource.transaction(async (m) => {
      const now = new Date();
      const [platform] = (await m.query(
        `INSERT INTO platform (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
        [c.platform, now],
      )) as { id: string }[];
      const [row] = (await m.query(
        `INSERT INTO platform_pull (platform_id, base_url, status_filter, page_size, min_age_days, enabled, created_at, updated_at)
         VALUES ($1, $2, COALESCE($3, 4), COALESCE($4, 50), COALESCE($5, 0), COALESCE($6, true), $7, $7)
         ON CONFLICT (platform_id) DO UPDATE SET base_url = EXCLUDED.base_url,
           status_filter = COALESCE($3, platform_pull.status_filter), page_size = COALESCE($4, platform_pull.page_size),
           min_age_days = COALESCE($5, platform_pull.min_age_days), enabled = COALESCE($6, platform_pull.enabled), updated_at = $7
         RETURNING (xmax = 0) AS created, status_filter, page_size, min_age_days, enabled`,
        [platform.id, c.baseUrl, c.statusFilter ?? null, c.pageSize ?? null, c.minAgeDays ?? null, c.enabled ?? null, now],
      )) as { created: boolean; status_filter: number; page_size: number; min_age_days: number; enabled: boolean }[];
      if (c.username !== undefined || c.password !== undefined) {
        await m.query(`UPDATE platform_pull SET username = $2, password = $3 WHERE platform_id = $1`, [platform.id, c.username ?? null, c.password ?? null]);
      }
      await this.audit.append(
        { actor, action: row.created ? 'pull.configured' : 'pull.reconfigured', subjectType: 'platform', subjectId: platform.id, outcome: 'ok',
          details: { platform: c.platform, baseUrl: c.baseUrl, statusFilter: row.status_filter, pageSize: row.page_size, minAgeDays: row.min_age_days,
            enabled: row.enabled, credentialsChanged: c.username !== undefined || c.password !== undefined } },
        m,
      );
      return { platformId: platform.id, platformName: c.platform, created: row.created };
    });
  }

  async settings(platformId: string): Promise<PullSettings> {
    const [row] = (await this.dataSource.query(
      `SELECT ${SETTINGS_COLUMNS}, pp.password FROM platform_pull pp JOIN platform p ON p.id = pp.platform_id WHERE pp.platform_id = $1`,
      [platformId],
    )) as PullSettings[];
    if (!row) throw new CodedError('NOT_FOUND', `No pull configured for platform ${platformId}`, { platformId });
    return row;
  }

  async overview(): Promise<PullOverview[]> {
    return (await this.dataSource.query(
      `SELECT ${SETTINGS_COLUMNS}, pp.last_run_at AS "lastRunAt", pp.last_error AS "lastError",
              count(t.remote_id)::int AS pulled, count(t.act_id)::int AS "withAct", count(t.rejection_code)::int AS rejected,
              max(t.imported_at) AS "lastImportedAt"
         FROM platform_pull pp JOIN platform p ON p.id = pp.platform_id
         LEFT JOIN pulled_transaction t ON t.platform_id = pp.platform_id
        GROUP BY pp.platform_id, p.name ORDER BY p.name`,
    )) as PullOverview[];
  }

  /**
   * The SIRENs the platform may import for: those of its active tokens, or every SIREN ('*')
   * when it has none (a pull-only platform is configured by an operator).
   */
  async scope(platformId: string): Promise<'*' | string[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT trim(s) AS siren FROM platform_token, unnest(sirens) AS s WHERE platform_id = $1 AND revoked_at IS NULL ORDER BY 1`,
      [platformId],
    )) as { siren: string }[];
    return rows.length ? rows.map((r) => r.siren) : '*';
  }

  /** Which of these remote transactions are already in the ledger. */
  async pulledAmong(platformId: string, remoteIds: string[]): Promise<Set<string>> {
    if (!remoteIds.length) return new Set();
    const rows = (await this.dataSource.query(`SELECT remote_id FROM pulled_transaction WHERE platform_id = $1 AND remote_id = ANY($2)`, [
      platformId,
      remoteIds,
    ])) as { remote_id: string }[];
    return new Set(rows.map((r) => r.remote_id));
  }

  /** The ledger row of a transaction with the state of its act, or null when it was never pulled. */
  async findPulled(platformId: string, remoteId: string): Promise<PulledTransactionState | null> {
    const [row] = (await this.dataSource.query(
      `SELECT t.act_id AS "actId", a.act_key AS "actKey", a.status AS "actStatus"
         FROM pulled_transaction t LEFT JOIN act a ON a.id = t.act_id
        WHERE t.platform_id = $1 AND t.remote_id = $2`,
      [platformId, remoteId],
    )) as PulledTransactionState[];
    return row ?? null;
  }

  /** Records an imported transaction; false when it was recorded before (a concurrent or retried import). */
  async recordPulled(t: PulledTransactionRecord): Promise<boolean> {
    const inserted = (await this.dataSource.query(
      `INSERT INTO pulled_transaction (platform_id, remote_id, payload_sha256, act_id, ar_payload_sha256, rejection_code, imported_at)
       VALUES ($1, $2, $3, $4, $5, $6, now()) ON CONFLICT (platform_id, remote_id) DO NOTHING RETURNING remote_id`,
      [t.platformId, t.remoteId, t.payloadSha256, t.actId, t.arPayloadSha256, t.rejectionCode],
    )) as unknown[];
    return inserted.length > 0;
  }

  async recordRun(platformId: string, error: string | null): Promise<void> {
    await this.dataSource.query(`UPDATE platform_pull SET last_run_at = now(), last_error = $2 WHERE platform_id = $1`, [platformId, error]);
  }
}

function validate(input: PullConfigInput): PullConfigInput {
  const platform = input.platform.trim();
  if (!platform) throw new CodedError('VALIDATION_FAILED', 'A platform name is required');
  let url: URL;
  try {
    url = new URL(input.baseUrl.trim());
  } catch {
    throw new CodedError('VALIDATION_FAILED', 'The platform URL is not a valid URL');
  }
  if (!['http:', 'https:'].includes(url.protocol)) throw new CodedError('VALIDATION_FAILED', 'The platform URL must use http or https');
  if (url.username || url.password) throw new CodedError('VALIDATION_FAILED', 'Give the credentials apart from the URL (username, password)');
  const integer = (name: string, value: number | undefined, min: number, max: number) => {
    if (value !== undefined && !(Number.isInteger(value) && value >= min && value <= max)) {
      throw new CodedError('VALIDATION_FAILED', `${name} must be an integer between ${min} and ${max}`, { [name]: value });
    }
  };
  integer('statusFilter', input.statusFilter, -1, 99);
  integer('pageSize', input.pageSize, 1, 500);
  integer('minAgeDays', input.minAgeDays, 0, 3650);
  return { ...input, platform, baseUrl: url.toString().replace(/\/+$/, '') };
}
