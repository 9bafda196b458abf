import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TenantsAndTokens1763900000000 implements MigrationInterface {
  name = 'TenantsAndTokens1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE collectivity ADD COLUMN departement char(3), ADD COLUMN kind text, ADD COLUMN updated_at timestamptz`);
    await q.query(`UPDATE collectivity SET updated_at = created_at`);
    await q.query(`ALTER TABLE collectivity ALTER COLUMN updated_at SET NOT NULL`);
    await q.query(`
      CREATE TABLE platform (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name       text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT uq_platform_name UNIQUE (name)
      )`);
    await q.query(`
      CREATE TABLE platform_token (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id  uuid NOT NULL REFERENCES platform (id),
        token_hash   char(64) NOT NULL,
        token_prefix text NOT NULL,
        sirens       char(9)[] NOT NULL,
        created_at   timestamptz NOT NULL,
        revoked_at   timestamptz,
        last_used_at timestamptz,
        CONSTRAINT uq_platform_token_hash UNIQUE (token_hash)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE platform_token`);
    await q.query(`DROP TABLE platform`);
    await q.query(`ALTER TABLE collectivity DROP COLUMN departement, DROP COLUMN kind, DROP COLUMN updated_at`);
  }
}
