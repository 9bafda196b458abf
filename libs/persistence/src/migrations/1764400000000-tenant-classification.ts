import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TenantClassification1764400000000 implements MigrationInterface {
  name = 'TenantClassification1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenant_classification (
        siren               char(9) NOT NULL REFERENCES collectivity (siren),
        classification_date date NOT NULL,
        classification      jsonb NOT NULL,
        payload_sha256      char(64) NOT NULL REFERENCES received_payload (sha256),
        received_at         timestamptz NOT NULL,
        PRIMARY KEY (siren, classification_date)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE tenant_classification`);
  }
}
