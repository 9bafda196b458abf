import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tenant's elected officials (anonymiser input), and which version of each document is published. */
export class TenantOfficials1764600000000 implements MigrationInterface {
  name = 'TenantOfficials1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenant_official (
        siren    char(9) NOT NULL REFERENCES collectivity (siren),
        position smallint NOT NULL,
        name     text NOT NULL,
        role     text NOT NULL,
        PRIMARY KEY (siren, position)
      )`);
    await q.query(`
      ALTER TABLE document
        ADD COLUMN published_as text CHECK (published_as IN ('original', 'regenerated')),
        ADD COLUMN published_content bytea,
        ADD COLUMN published_sha256 char(64),
        ADD COLUMN published_size integer,
        ADD COLUMN published_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE document DROP COLUMN published_as, DROP COLUMN published_content, DROP COLUMN published_sha256, DROP COLUMN published_size, DROP COLUMN published_at`);
    await q.query(`DROP TABLE tenant_official`);
  }
}
