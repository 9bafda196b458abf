import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SubventionFiles1765100000000 implements MigrationInterface {
  name = 'SubventionFiles1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE subvention_file (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        payload_sha256    char(64) NOT NULL REFERENCES received_payload (sha256),
        file_name         text NOT NULL,
        attribuant_sirens text[] NOT NULL,
        status            text NOT NULL CHECK (status IN ('received', 'processing', 'published', 'failed')),
        failure_code      text,
        failure_message   text,
        report            jsonb,
        workflow_id       text NOT NULL,
        created_at        timestamptz NOT NULL,
        updated_at        timestamptz NOT NULL,
        published_at      timestamptz,
        CONSTRAINT uq_subvention_file_payload UNIQUE (payload_sha256)
      )`);
    await q.query(`
      CREATE TABLE subvention_row (
        file_id      uuid NOT NULL REFERENCES subvention_file (id),
        position     integer NOT NULL,
        row          jsonb NOT NULL,
        errors       jsonb,
        repairs      jsonb NOT NULL,
        duplicate_of integer,
        siren        char(9),
        year         smallint,
        PRIMARY KEY (file_id, position)
      )`);
    await q.query(`CREATE INDEX ix_subvention_row_siren_year ON subvention_row (siren, year)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE subvention_row`);
    await q.query(`DROP TABLE subvention_file`);
  }
}
