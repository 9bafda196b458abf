import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PlatformPull1764000000000 implements MigrationInterface {
  name = 'PlatformPull1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE platform_pull (
        platform_id   uuid PRIMARY KEY REFERENCES platform (id),
        base_url      text NOT NULL,
        username      text,
        password      text,
        status_filter smallint NOT NULL DEFAULT 4,
        page_size     integer NOT NULL DEFAULT 50 CHECK (page_size BETWEEN 1 AND 500),
        min_age_days  integer NOT NULL DEFAULT 0 CHECK (min_age_days >= 0),
        enabled       boolean NOT NULL DEFAULT true,
        last_run_at   timestamptz,
        last_error    text,
        created_at    timestamptz NOT NULL,
        updated_at    timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE pulled_transaction (
        platform_id       uuid NOT NULL REFERENCES platform (id),
        remote_id         text NOT NULL,
        payload_sha256    char(64) NOT NULL REFERENCES received_payload (sha256),
        act_id            uuid REFERENCES act (id),
        ar_payload_sha256 char(64) REFERENCES received_payload (sha256),
        rejection_code    text,
        imported_at       timestamptz NOT NULL,
        PRIMARY KEY (platform_id, remote_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pulled_transaction`);
    await q.query(`DROP TABLE platform_pull`);
  }
}
