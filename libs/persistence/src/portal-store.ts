import { CodedError } from '@openactes/domain';
import type { DataSource } from 'typeorm';
import type { AuditLog } from './audit-log';

export type PortalKindName = 'udata' | 'ckan';

/** Encrypts the API keys at rest: SecretBox from @openactes/config. */
export interface SecretSealer {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

export interface PortalInput {
  kind: PortalKindName;
  name: string;
  baseUrl: string;
  apiKey: string;
  organization?: string | null;
  siren?: string | null;
}

/** A portal as listed: never its key. */
export interface PortalSummary {
  id: string;
  kind: PortalKindName;
  name: string;
  baseUrl: string;
  organization: string | null;
  siren: string | null;
  active: boolean;
  createdAt: Date;
  published: number;
  failed: number;
}

export interface PortalTarget {
  portalId: string;
  name: string;
  kind: PortalKindName;
}

/** What a publication needs; holds the key in clear, so it is never logged nor returned by an activity. */
export interface PortalCredentials extends PortalTarget {
  baseUrl: string;
  apiKey: string;
  organization: string | null;
}

export interface PortalDatasetState {
  remoteDatasetId: string | null;
  remoteUrl: string | null;
  /** Resource key → the portal's resource id. */
  resources: Record<string, string>;
  lastVersion: number | null;
  status: 'publishing' | 'published' | 'failed';
  lastError: { code: string; message: string; attempt?: number } | null;
}

/** Portals, their sealed keys, and the remote ids of each dataset on each portal. */
export class PortalStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly secrets: SecretSealer,
  ) {}

  async add(input: PortalInput, actor: string): Promise<PortalSummary> {
    const p = validate(input);
    const [existing] = (await this.dataSource.query(`SELECT id FROM portal WHERE name = $1`, [p.name])) as unknown[];
    if (existing) throw new CodedError('CONFLICT', `A portal named "${p.name}" exists already`, { name: p.name });
    const [row] = (await this.dataSource.query(
      `INSERT INTO portal (kind, name, base_url, api_key_sealed, organization, siren, active, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, true, now()) RETURNING id`,
      [p.kind, p.name, p.baseUrl, this.secrets.seal(p.apiKey), p.organization ?? null, p.siren ?? null],
    )) as { id: string }[];
    await this.audit.append({
      actor, action: 'portal.added', subjectType: 'portal', subjectId: row!.id, outcome: 'ok',
      details: { kind: p.kind, name: p.name, baseUrl: p.baseUrl, organization: p.organization ?? null, siren: p.siren ?? null },
    });
    return (await this.list()).find((s) => s.id === row!.id)!;
  }

  async list(): Promise<PortalSummary[]> {
    return (await this.dataSource.query(
      `SELECT p.id, p.kind, p.name, p.base_url AS "baseUrl", p.organization, p.siren, p.active, p.created_at AS "createdAt",
              count(d.dataset_id) FILTER (WHERE d.status = 'published')::int AS published,
              count(d.dataset_id) FILTER (WHERE d.status = 'failed')::int AS failed
         FROM portal p LEFT JOIN portal_dataset d ON d.portal_id = p.id
        GROUP BY p.id ORDER BY p.name`,
    )) as PortalSummary[];
  }

  /** Removes the portal and what we knew of its datasets (those stay on the portal). */
  async remove(portalId: string, actor: string): Promise<void> {
    if (!isUuid(portalId)) throw new CodedError('VALIDATION_FAILED', 'A portal id is a UUID', { portalId });
    const removed = (await this.dataSource.query(`DELETE FROM portal WHERE id = $1 RETURNING name`, [portalId])) as [{ name: string }[], number];
    const rows = removed[0];
    if (!rows.length) throw new CodedError('NOT_FOUND', `No portal ${portalId}`, { portalId });
    await this.audit.append({ actor, action: 'portal.removed', subjectType: 'portal', subjectId: portalId, outcome: 'ok', details: { name: rows[0]!.name } });
  }

  /** Active portals that get this dataset: the syndicate's own (no SIREN) and the collectivity's (its SIREN). */
  async targetsFor(siren: string | null): Promise<PortalTarget[]> {
    return (await this.dataSource.query(
      `SELECT id AS "portalId", name, kind FROM portal WHERE active AND (siren IS NULL OR siren = $1) ORDER BY name`,
      [siren],
    )) as PortalTarget[];
  }

  async credentials(portalId: string): Promise<PortalCredentials> {
    const [row] = (await this.dataSource.query(
      `SELECT id AS "portalId", name, kind, base_url AS "baseUrl", organization, api_key_sealed AS "apiKeySealed" FROM portal WHERE id = $1`,
      [portalId],
    )) as (Omit<PortalCredentials, 'apiKey'> & { apiKeySealed: string })[];
    if (!row) throw new CodedError('NOT_FOUND', `No portal ${portalId}`, { portalId });
    const { apiKeySealed, ...portal } = row;
    return { ...portal, apiKey: this.secrets.open(apiKeySealed) };
  }

  async datasetState(portalId: string, datasetId: string): Promise<PortalDatasetState | null> {
    const [row] = (await this.dataSource.query(
      `SELECT remote_dataset_id AS "remoteDatasetId", remote_url AS "remoteUrl", resources, last_version AS "lastVersion", status, last_error AS "lastError"
         FROM portal_dataset WHERE portal_id = $1 AND dataset_id = $2`,
      [portalId, datasetId],
    )) as PortalDatasetState[];
    return row ?? null;
  }

  /** Where a dataset stands on each portal that took it (for administrators and the catalogue). */
  async statesOf(datasetId: string): Promise<{ portal: string; status: PortalDatasetState['status']; url: string | null; lastVersion: number | null; code: string | null }[]> {
    return (await this.dataSource.query(
      `SELECT p.name AS portal, d.status, d.remote_url AS url, d.last_version AS "lastVersion", d.last_error->>'code' AS code
         FROM portal_dataset d JOIN portal p ON p.id = d.portal_id WHERE d.dataset_id = $1 ORDER BY p.name`,
      [datasetId],
    )) as { portal: string; status: PortalDatasetState['status']; url: string | null; lastVersion: number | null; code: string | null }[];
  }

  /** Ids the portal just gave, kept before the publication goes on, so that a retry never creates a duplicate. */
  async recordRemoteIds(portalId: string, datasetId: string, ids: { remoteDatasetId?: string; remoteUrl?: string; resources?: Record<string, string> }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO portal_dataset (portal_id, dataset_id, remote_dataset_id, remote_url, resources, status, updated_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, 'publishing', now())
       ON CONFLICT (portal_id, dataset_id) DO UPDATE SET
         remote_dataset_id = COALESCE($3, portal_dataset.remote_dataset_id), remote_url = COALESCE($4, portal_dataset.remote_url),
         resources = portal_dataset.resources || $5::jsonb, updated_at = now()`,
      [portalId, datasetId, ids.remoteDatasetId ?? null, ids.remoteUrl ?? null, JSON.stringify(ids.resources ?? {})],
    );
  }

  async recordPublished(
    portalId: string,
    datasetId: string,
    outcome: { version: number; remoteDatasetId: string; remoteUrl: string; resources: Record<string, string> },
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO portal_dataset (portal_id, dataset_id, remote_dataset_id, remote_url, resources, last_version, status, last_error, updated_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, 'published', NULL, now())
       ON CONFLICT (portal_id, dataset_id) DO UPDATE SET remote_dataset_id = $3, remote_url = $4,
         resources = portal_dataset.resources || $5::jsonb, last_version = $6, status = 'published', last_error = NULL, updated_at = now()`,
      [portalId, datasetId, outcome.remoteDatasetId, outcome.remoteUrl, JSON.stringify(outcome.resources), outcome.version],
    );
  }

  /** The version that failed is not recorded as last_version: the last one on the portal stays known. */
  async recordFailed(portalId: string, datasetId: string, error: { code: string; message: string; version: number; attempt?: number }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO portal_dataset (portal_id, dataset_id, status, last_error, updated_at) VALUES ($1, $2, 'failed', $3::jsonb, now())
       ON CONFLICT (portal_id, dataset_id) DO UPDATE SET status = 'failed', last_error = $3::jsonb, updated_at = now()`,
      [portalId, datasetId, JSON.stringify(error)],
    );
  }
}

function validate(input: PortalInput): PortalInput {
  if (input.kind !== 'udata' && input.kind !== 'ckan') throw new CodedError('VALIDATION_FAILED', 'A portal kind is udata or ckan', { kind: input.kind });
  const name = input.name.trim();
  if (!name) throw new CodedError('VALIDATION_FAILED', 'A portal name is required');
  let url: URL;
  try {
    url = new URL(input.baseUrl.trim());
  } catch {
    throw new CodedError('VALIDATION_FAILED', 'The portal URL is not a valid URL');
  }
  if (!['http:', 'https:'].includes(url.protocol)) throw new CodedError('VALIDATION_FAILED', 'The portal URL must use http or https');
  if (url.username || url.password || url.search) throw new CodedError('VALIDATION_FAILED', 'Give the API key apart from the URL');
  if (!input.apiKey.trim()) throw new CodedError('VALIDATION_FAILED', 'An API key is required');
  const siren = input.siren?.trim() || null;
  if (siren && !/^\d{9}$/.test(siren)) throw new CodedError('VALIDATION_FAILED', 'A SIREN has 9 digits', { siren });
  return { ...input, name, baseUrl: url.toString().replace(/\/+$/, ''), apiKey: input.apiKey.trim(), organization: input.organization?.trim() || null, siren };
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
