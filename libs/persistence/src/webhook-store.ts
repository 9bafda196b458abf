import { randomBytes, timingSafeEqual } from 'node:crypto';
import { CodedError } from '@openactes/domain';
import type { DataSource } from 'typeorm';
import { sha256Hex } from './audit-chain';
import type { AuditLog } from './audit-log';
import type { WebhookDeliveryStatus } from './entities/webhook-delivery.entity';

/** Seals secrets at rest (`config.secrets`, a SecretBox). */
interface Sealer {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

export interface WebhookRegistration {
  /** A dataset id, or '*' for every dataset. */
  datasetId: string;
  url: string;
  secret: string;
}

export interface WebhookSubscription {
  id: string;
  datasetId: string;
  url: string;
  active: boolean;
  createdAt: Date;
  deactivatedAt: Date | null;
  deactivationReason: 'deleted' | 'gone' | null;
}

/** What the delivery activity needs; holds the secret in clear, so it is never logged nor returned. */
export interface WebhookTarget {
  id: string;
  url: string;
  secret: string;
  active: boolean;
}

export interface WebhookDeliveryRecord {
  subscriptionId: string;
  eventId: string;
  datasetId: string;
  version: number;
  attempt: number;
  status: WebhookDeliveryStatus;
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
}

export interface WebhookDeliveryLogEntry extends Omit<WebhookDeliveryRecord, 'subscriptionId'> {
  id: string;
  at: Date;
}

const SUBSCRIPTION_COLUMNS = `id, dataset_id AS "datasetId", url, active, created_at AS "createdAt",
  deactivated_at AS "deactivatedAt", deactivation_reason AS "deactivationReason"`;
const ACTOR = 'public:webhooks';

/** Reusers' webhook subscriptions (secret sealed, management token hashed) and the log of every delivery attempt. */
export class WebhookStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly secrets: Sealer,
    private readonly audit: AuditLog,
  ) {}

  /** Creates the subscription; the management token is returned here only (we keep its SHA-256). */
  async register(r: WebhookRegistration): Promise<{ subscription: WebhookSubscription; managementToken: string }> {
    const managementToken = `whm_${randomBytes(32).toString('base64url')}`;
    return this.dataSource.transaction(async (m) => {
      const [subscription] = (await m.query(
        `INSERT INTO webhook_subscription (dataset_id, url, secret_sealed, management_token_sha256, created_at, active)
         VALUES ($1, $2, $3, $4, now(), true) RETURNING ${SUBSCRIPTION_COLUMNS}`,
        [r.datasetId, r.url, this.secrets.seal(r.secret), sha256Hex(managementToken)],
      )) as WebhookSubscription[];
      await this.audit.append(
        { actor: ACTOR, action: 'webhook.registered', subjectType: 'webhook', subjectId: subscription.id, outcome: 'ok',
          details: { datasetId: r.datasetId, host: new URL(r.url).host } },
        m,
      );
      return { subscription, managementToken };
    });
  }

  async find(id: string): Promise<WebhookSubscription | null> {
    const [row] = (await this.dataSource.query(`SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscription WHERE id = $1`, [id])) as WebhookSubscription[];
    return row ?? null;
  }

  /** The subscription, when the token is its management token: NOT_FOUND for an unknown id, FORBIDDEN for another token. */
  async authorize(id: string, managementToken: string): Promise<WebhookSubscription> {
    const [row] = (await this.dataSource.query(
      `SELECT ${SUBSCRIPTION_COLUMNS}, management_token_sha256 AS "tokenSha256" FROM webhook_subscription WHERE id = $1`,
      [id],
    )) as (WebhookSubscription & { tokenSha256: string })[];
    if (!row) throw new CodedError('NOT_FOUND', `No webhook ${id}`, { id });
    const given = Buffer.from(sha256Hex(managementToken), 'hex');
    if (!timingSafeEqual(given, Buffer.from(row.tokenSha256, 'hex'))) {
      throw new CodedError('FORBIDDEN', 'This token does not manage this webhook', { id });
    }
    const { tokenSha256: _, ...subscription } = row;
    return subscription;
  }

  /** Stops deliveries; false when it was already inactive. The delivery log is kept. */
  async deactivate(id: string, reason: 'deleted' | 'gone'): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      const rows = (await m.query(
        `UPDATE webhook_subscription SET active = false, deactivated_at = now(), deactivation_reason = $2 WHERE id = $1 AND active RETURNING id`,
        [id, reason],
      )) as [unknown[], number];
      const changed = rows[1] > 0;
      if (changed) {
        await this.audit.append({ actor: reason === 'gone' ? 'system:webhooks' : ACTOR, action: 'webhook.deactivated', subjectType: 'webhook', subjectId: id, outcome: 'ok', details: { reason } }, m);
      }
      return changed;
    });
  }

  /** Where and how to deliver; null when the subscription does not exist. */
  async target(id: string): Promise<WebhookTarget | null> {
    const [row] = (await this.dataSource.query(`SELECT id, url, secret_sealed AS "secretSealed", active FROM webhook_subscription WHERE id = $1`, [id])) as {
      id: string;
      url: string;
      secretSealed: string;
      active: boolean;
    }[];
    return row ? { id: row.id, url: row.url, active: row.active, secret: this.secrets.open(row.secretSealed) } : null;
  }

  /** Active subscriptions to this dataset or to every dataset ('*'), oldest first. */
  async activeSubscribers(datasetId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM webhook_subscription WHERE active AND dataset_id IN ($1, '*') ORDER BY created_at, id`,
      [datasetId],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Idempotent per (subscription, event, attempt): a retried activity attempt gets its own number anyway. */
  async recordDelivery(d: WebhookDeliveryRecord): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO webhook_delivery (subscription_id, event_id, dataset_id, version, attempt, status, http_status, error, duration_ms, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now()) ON CONFLICT (subscription_id, event_id, attempt) DO NOTHING`,
      [d.subscriptionId, d.eventId, d.datasetId, d.version, d.attempt, d.status, d.httpStatus, d.error, Math.round(d.durationMs)],
    );
  }

  /** The latest attempts first. */
  async deliveries(subscriptionId: string, limit = 100): Promise<WebhookDeliveryLogEntry[]> {
    return (await this.dataSource.query(
      `SELECT id, event_id AS "eventId", dataset_id AS "datasetId", version, attempt, status, http_status AS "httpStatus", error,
              duration_ms AS "durationMs", at
         FROM webhook_delivery WHERE subscription_id = $1 ORDER BY at DESC, attempt DESC LIMIT $2`,
      [subscriptionId, limit],
    )) as WebhookDeliveryLogEntry[];
  }
}
