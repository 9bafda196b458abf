import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Webhooks1764900000000 implements MigrationInterface {
  name = 'Webhooks1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_subscription (
        id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dataset_id              text NOT NULL,
        url                     text NOT NULL,
        secret_sealed           text NOT NULL,
        management_token_sha256 char(64) NOT NULL,
        created_at              timestamptz NOT NULL,
        active                  boolean NOT NULL DEFAULT true,
        deactivated_at          timestamptz,
        deactivation_reason     text
      )`);
    await q.query(`CREATE INDEX idx_webhook_subscription_dataset ON webhook_subscription (dataset_id) WHERE active`);
    await q.query(`
      CREATE TABLE webhook_delivery (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subscription_id uuid NOT NULL REFERENCES webhook_subscription (id),
        event_id        text NOT NULL,
        dataset_id      text NOT NULL,
        version         integer NOT NULL,
        attempt         integer NOT NULL CHECK (attempt >= 1),
        status          text NOT NULL CHECK (status IN ('delivered', 'failed', 'retrying')),
        http_status     integer,
        error           text,
        duration_ms     integer NOT NULL,
        at              timestamptz NOT NULL,
        CONSTRAINT uq_webhook_delivery_attempt UNIQUE (subscription_id, event_id, attempt)
      )`);
    await q.query(`CREATE INDEX idx_webhook_delivery_subscription ON webhook_delivery (subscription_id, at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_delivery`);
    await q.query(`DROP TABLE webhook_subscription`);
  }
}
