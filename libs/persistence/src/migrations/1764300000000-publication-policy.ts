import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PublicationPolicy1764300000000 implements MigrationInterface {
  name = 'PublicationPolicy1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE collectivity ADD COLUMN publication_overrides jsonb NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE act ADD COLUMN publication jsonb`);
    await q.query(`ALTER TABLE document ADD COLUMN publish boolean`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE document DROP COLUMN publish`);
    await q.query(`ALTER TABLE act DROP COLUMN publication`);
    await q.query(`ALTER TABLE collectivity DROP COLUMN publication_overrides`);
  }
}
