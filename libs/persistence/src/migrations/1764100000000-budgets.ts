import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Budgets1764100000000 implements MigrationInterface {
  name = 'Budgets1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE budget (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        budget_key        text NOT NULL,
        payload_sha256    char(64) NOT NULL REFERENCES received_payload (sha256),
        siren             char(9) NOT NULL,
        siret             char(14) NOT NULL,
        year              smallint NOT NULL,
        nat_dec           text NOT NULL,
        budget_code       text NOT NULL,
        nomenclature      text NOT NULL,
        kind              text NOT NULL CHECK (kind IN ('budget', 'cfu')),
        collectivity_name text NOT NULL,
        budget_name       text,
        act_id            uuid REFERENCES act (id),
        status            text NOT NULL CHECK (status IN ('received', 'processing', 'published', 'failed')),
        failure_code      text,
        failure_message   text,
        counts            jsonb,
        warnings          jsonb NOT NULL DEFAULT '[]',
        workflow_id       text NOT NULL,
        created_at        timestamptz NOT NULL,
        updated_at        timestamptz NOT NULL,
        published_at      timestamptz,
        CONSTRAINT uq_budget_key UNIQUE (budget_key),
        CONSTRAINT uq_budget_payload UNIQUE (payload_sha256)
      )`);
    await q.query(`CREATE INDEX ix_budget_siren_year ON budget (siren, year)`);
    await q.query(`
      CREATE TABLE budget_row (
        budget_id uuid NOT NULL REFERENCES budget (id),
        dataset   text NOT NULL CHECK (dataset IN ('budget', 'subventions')),
        position  integer NOT NULL,
        row       jsonb NOT NULL,
        errors    jsonb,
        PRIMARY KEY (budget_id, dataset, position)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE budget_row`);
    await q.query(`DROP TABLE budget`);
  }
}
