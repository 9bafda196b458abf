import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Anonymisation1764200000000 implements MigrationInterface {
  name = 'Anonymisation1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE document ADD COLUMN pseudonymised_text text, ADD COLUMN entities jsonb`);
    await q.query(`ALTER TABLE act ADD COLUMN published_objet text, ADD COLUMN anonymisation jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE act DROP COLUMN published_objet, DROP COLUMN anonymisation`);
    await q.query(`ALTER TABLE document DROP COLUMN pseudonymised_text, DROP COLUMN entities`);
  }
}
