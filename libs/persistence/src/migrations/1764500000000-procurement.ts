import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Procurement1764500000000 implements MigrationInterface {
  name = 'Procurement1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE procurement_file (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        payload_sha256  char(64) NOT NULL REFERENCES received_payload (sha256),
        file_name       text NOT NULL,
        format          text NOT NULL CHECK (format IN ('json', 'xml')),
        version         text NOT NULL,
        buyer_sirens    text[] NOT NULL,
        status          text NOT NULL CHECK (status IN ('received', 'processing', 'published', 'failed')),
        failure_code    text,
        failure_message text,
        report          jsonb,
        workflow_id     text NOT NULL,
        created_at      timestamptz NOT NULL,
        updated_at      timestamptz NOT NULL,
        published_at    timestamptz,
        CONSTRAINT uq_procurement_file_payload UNIQUE (payload_sha256)
      )`);
    await q.query(`
      CREATE TABLE procurement_record (
        file_id     uuid NOT NULL REFERENCES procurement_file (id),
        position    integer NOT NULL,
        record_id   text NOT NULL,
        kind        text NOT NULL CHECK (kind IN ('marche', 'contrat-concession')),
        uid         text NOT NULL,
        buyer       char(14) NOT NULL,
        siren       char(9) NOT NULL,
        contract_id text NOT NULL,
        year        smallint NOT NULL,
        data        jsonb NOT NULL,
        PRIMARY KEY (file_id, position)
      )`);
    await q.query(`CREATE INDEX ix_procurement_record_contract ON procurement_record (uid, kind)`);
    await q.query(`CREATE INDEX ix_procurement_record_siren_year ON procurement_record (siren, year)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE procurement_record`);
    await q.query(`DROP TABLE procurement_file`);
  }
}
