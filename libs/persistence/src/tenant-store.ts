import { randomBytes } from 'node:crypto';
import { CodedError, NATURE_ABBREVS, sirenIsValid, siretIsValid, type Classification, type NatureAbbrev, type PublicationChoice } from '@openactes/domain';
import type { DataSource } from 'typeorm';
import { sha256Hex } from './audit-chain';
import type { AuditLog } from './audit-log';
import { CollectivityEntity } from './entities/collectivity.entity';
import { PlatformTokenEntity } from './entities/platform-token.entity';

export interface CollectivityInput {
  siren: string;
  name: string;
  siret?: string | null;
  departement?: string | null;
  kind?: string | null;
}

export interface TokenScope {
  tokenId: string;
  platformId: string;
  platformName: string;
  sirens: string[];
}

export interface CreatedToken extends TokenScope {
  /** The secret itself: shown once, never stored. */
  token: string;
}

export interface Official {
  name: string;
  role: string;
}

const TOKEN_PREFIX = 'oat_';

/** Collectivities (tenants), the platforms that transmit for them and the platforms' tokens. */
export class TenantStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async upsertCollectivity(input: CollectivityInput, actor: string): Promise<{ collectivity: CollectivityEntity; created: boolean }> {
    const c = normaliseCollectivity(input);
    return this.dataSource.transaction(async (m) => {
      const now = new Date();
      const [row] = (await m.query(
        `INSERT INTO collectivity (siren, name, siret, departement, kind, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)
         ON CONFLICT (siren) DO UPDATE SET name = EXCLUDED.name, siret = COALESCE(EXCLUDED.siret, collectivity.siret),
           departement = COALESCE(EXCLUDED.departement, collectivity.departement), kind = COALESCE(EXCLUDED.kind, collectivity.kind),
           updated_at = EXCLUDED.updated_at
         RETURNING (xmax = 0) AS created`,
        [c.siren, c.name, c.siret, c.departement, c.kind, now],
      )) as { created: boolean }[];
      await this.audit.append(
        { actor, action: row.created ? 'tenant.added' : 'tenant.updated', subjectType: 'collectivity', subjectId: c.siren, outcome: 'ok',
          details: { name: c.name, siret: c.siret, departement: c.departement, kind: c.kind } },
        m,
      );
      return { collectivity: await m.getRepository(CollectivityEntity).findOneByOrFail({ siren: c.siren }), created: row.created };
    });
  }

  /** The collectivity's publication choices by nature; `default` removes an override. */
  async setPublicationOverrides(siren: string, changes: Partial<Record<NatureAbbrev, PublicationChoice | 'default'>>, actor: string): Promise<CollectivityEntity> {
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(CollectivityEntity);
      const collectivity = await repo.findOne({ where: { siren }, lock: { mode: 'pessimistic_write' } });
      if (!collectivity) throw new CodedError('NOT_FOUND', `No collectivity ${siren}`, { siren });
      const overrides = { ...collectivity.publicationOverrides };
      for (const [nature, choice] of Object.entries(changes) as [NatureAbbrev, PublicationChoice | 'default'][]) {
        if (!(NATURE_ABBREVS as readonly string[]).includes(nature)) throw new CodedError('VALIDATION_FAILED', `Unknown nature ${nature}`, { nature });
        if (!['publish', 'withhold', 'review', 'default'].includes(choice)) throw new CodedError('VALIDATION_FAILED', `Unknown choice ${choice}`, { choice });
        if (choice === 'default') delete overrides[nature];
        else overrides[nature] = choice;
      }
      collectivity.publicationOverrides = overrides;
      collectivity.updatedAt = new Date();
      await repo.save(collectivity);
      await this.audit.append({ actor, action: 'tenant.publication_policy', subjectType: 'collectivity', subjectId: siren, outcome: 'ok', details: { overrides } }, m);
      return collectivity;
    });
  }

  /** Keeps the classification a prefecture sent a collectivity (7-2), one row per version. */
  async saveClassification(siren: string, classification: Classification, payloadSha256: string, actor: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const now = new Date();
      await m.query(`INSERT INTO collectivity (siren, name, created_at, updated_at) VALUES ($1, $2, $3, $3) ON CONFLICT (siren) DO NOTHING`, [siren, siren, now]);
      await m.query(
        `INSERT INTO tenant_classification (siren, classification_date, classification, payload_sha256, received_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (siren, classification_date) DO UPDATE SET classification = EXCLUDED.classification, payload_sha256 = EXCLUDED.payload_sha256, received_at = EXCLUDED.received_at`,
        [siren, classification.date, JSON.stringify(classification), payloadSha256, now],
      );
      await this.audit.append(
        { actor, action: 'tenant.classification_received', subjectType: 'collectivity', subjectId: siren, outcome: 'ok',
          details: { date: classification.date, matieres: classification.matieres.length, natures: classification.natures.length } },
        m,
      );
    });
  }

  /** The latest classification received for a collectivity, if any. */
  async classification(siren: string): Promise<Classification | null> {
    const [row] = (await this.dataSource.query(
      `SELECT classification FROM tenant_classification WHERE siren = $1 ORDER BY classification_date DESC LIMIT 1`,
      [siren],
    )) as { classification: Classification }[];
    return row?.classification ?? null;
  }

  /** Replaces the collectivity's list of elected officials (the anonymiser keeps them where they act as such). */
  async setOfficials(siren: string, officials: Official[], actor: string): Promise<Official[]> {
    const list = officials.map(normaliseOfficial);
    return this.dataSource.transaction(async (m) => {
      const [known] = (await m.query(`SELECT siren FROM collectivity WHERE siren = $1 FOR UPDATE`, [siren])) as unknown[];
      if (!known) throw new CodedError('NOT_FOUND', `No collectivity ${siren}`, { siren });
      await m.query(`DELETE FROM tenant_official WHERE siren = $1`, [siren]);
      for (const [position, o] of list.entries()) {
        await m.query(`INSERT INTO tenant_official (siren, position, name, role) VALUES ($1, $2, $3, $4)`, [siren, position, o.name, o.role]);
      }
      // Names of officials are public (répertoire des élus), but the trail needs only the count.
      await this.audit.append({ actor, action: 'tenant.officials', subjectType: 'collectivity', subjectId: siren, outcome: 'ok', details: { officials: list.length } }, m);
      return list;
    });
  }

  async officials(siren: string): Promise<Official[]> {
    return (await this.dataSource.query(`SELECT name, role FROM tenant_official WHERE siren = $1 ORDER BY position`, [siren])) as Official[];
  }

  async collectivity(siren: string): Promise<CollectivityEntity | null> {
    return this.dataSource.getRepository(CollectivityEntity).findOneBy({ siren });
  }

  async collectivities(): Promise<CollectivityEntity[]> {
    return this.dataSource.getRepository(CollectivityEntity).find({ order: { siren: 'ASC' } });
  }

  /** A new random token for a platform (created if needed), scoped to SIRENs. */
  async createToken(input: { platform: string; sirens: string[] }, actor: string): Promise<CreatedToken> {
    const platformName = input.platform.trim();
    if (!platformName) throw new CodedError('VALIDATION_FAILED', 'A platform name is required');
    const sirens = [...new Set(input.sirens.map((s) => s.trim()).filter(Boolean))];
    if (!sirens.length) throw new CodedError('VALIDATION_FAILED', 'A token needs at least one SIREN');
    for (const siren of sirens) assertSiren(siren);
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    return this.dataSource.transaction(async (m) => {
      const now = new Date();
      const [platform] = (await m.query(
        `INSERT INTO platform (name, created_at) VALUES ($1, $2)
         ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
        [platformName, now],
      )) as { id: string }[];
      for (const siren of sirens) {
        await m.query(`INSERT INTO collectivity (siren, name, created_at, updated_at) VALUES ($1, $2, $3, $3) ON CONFLICT (siren) DO NOTHING`, [siren, siren, now]);
      }
      const [created] = (await m.query(
        `INSERT INTO platform_token (platform_id, token_hash, token_prefix, sirens, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [platform.id, sha256Hex(token), token.slice(0, TOKEN_PREFIX.length + 6), sirens, now],
      )) as { id: string }[];
      await this.audit.append(
        { actor, action: 'token.created', subjectType: 'platform_token', subjectId: created.id, outcome: 'ok',
          details: { platform: platformName, sirens, prefix: token.slice(0, TOKEN_PREFIX.length + 6) } },
        m,
      );
      return { token, tokenId: created.id, platformId: platform.id, platformName, sirens };
    });
  }

  async revokeToken(tokenId: string, actor: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const result = (await m.query(`UPDATE platform_token SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id`, [tokenId])) as [
        unknown[],
        number,
      ];
      if (!result[1]) throw new CodedError('NOT_FOUND', `No active token ${tokenId}`);
      await this.audit.append({ actor, action: 'token.revoked', subjectType: 'platform_token', subjectId: tokenId, outcome: 'ok' }, m);
    });
  }

  async tokens(): Promise<(PlatformTokenEntity & { platformName: string })[]> {
    const rows = (await this.dataSource.query(
      `SELECT t.id, t.platform_id, p.name AS platform_name, t.token_prefix, t.sirens, t.created_at, t.revoked_at, t.last_used_at
         FROM platform_token t JOIN platform p ON p.id = t.platform_id ORDER BY t.created_at`,
    )) as Record<string, unknown>[];
    return rows.map((r) =>
      Object.assign(new PlatformTokenEntity(), {
        id: r.id as string,
        platformId: r.platform_id as string,
        platformName: r.platform_name as string,
        tokenPrefix: r.token_prefix as string,
        sirens: (r.sirens as string[]).map((s) => s.trim()),
        createdAt: r.created_at as Date,
        revokedAt: r.revoked_at as Date | null,
        lastUsedAt: r.last_used_at as Date | null,
      }),
    );
  }

  /** The scope of an active token, or null for an unknown or revoked one. */
  async authenticate(token: string): Promise<TokenScope | null> {
    if (!token.startsWith(TOKEN_PREFIX)) return null;
    const [row] = (await this.dataSource.query(
      `UPDATE platform_token t SET last_used_at = now()
         FROM platform p
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND p.id = t.platform_id
        RETURNING t.id, t.platform_id, p.name AS platform_name, t.sirens`,
      [sha256Hex(token)],
    )) as [{ id: string; platform_id: string; platform_name: string; sirens: string[] }[], number];
    const found = row?.[0];
    return found ? { tokenId: found.id, platformId: found.platform_id, platformName: found.platform_name, sirens: found.sirens.map((s) => s.trim()) } : null;
  }
}

function assertSiren(siren: string): void {
  if (!sirenIsValid(siren)) throw new CodedError('VALIDATION_FAILED', `${siren} is not a valid SIREN (9 digits, Luhn key)`, { siren });
}

function normaliseCollectivity(input: CollectivityInput): Required<CollectivityInput> {
  const siren = input.siren.trim();
  assertSiren(siren);
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (!name) throw new CodedError('VALIDATION_FAILED', 'A collectivity needs a name');
  const siret = input.siret?.replace(/\s/g, '') || null;
  if (siret && (!siretIsValid(siret) || !siret.startsWith(siren))) {
    throw new CodedError('VALIDATION_FAILED', `${siret} is not a valid SIRET of SIREN ${siren}`, { siret });
  }
  const departement = input.departement?.trim().toUpperCase() || null;
  if (departement && !/^(\d{2,3}|0?2[AB])$/.test(departement)) {
    throw new CodedError('VALIDATION_FAILED', `${departement} is not a département code`, { departement });
  }
  return { siren, name, siret, departement: departement ? departement.padStart(3, '0') : null, kind: input.kind?.trim() || null };
}

function normaliseOfficial(o: Official): Official {
  const name = o.name.trim().replace(/\s+/g, ' ');
  const role = o.role.trim().replace(/\s+/g, ' ');
  if (!name || !/\p{L}/u.test(name)) throw new CodedError('VALIDATION_FAILED', 'An official needs a name');
  if (!role) throw new CodedError('VALIDATION_FAILED', `The official ${name} needs a role (maire, adjoint…)`, { name });
  return { name, role };
}
