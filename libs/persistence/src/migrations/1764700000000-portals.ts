import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Portals1764700000000 implements MigrationInterface {
  name = 'Portals1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE portal (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind           text NOT NULL CHECK (kind IN ('udata', 'ckan')),
        name           text NOT NULL UNIQUE,
        base_url       text NOT NULL,
        api_key_sealed text NOT NULL,
        organization   text,
        siren          char(9) CHECK (siren ~ '^[0-9]{9}$'),
        active         boolean NOT NULL DEFAULT true,
        created_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE portal_dataset (
        portal_id         uuid NOT NULL REFERENCES portal (id) ON DELETE CASCADE,
        dataset_id        text NOT NULL,
        remote_dataset_id text,
        remote_url        text,
        resources         jsonb NOT NULL DEFAULT '{}'::jsonb,
        last_version      integer,
        status            text NOT NULL CHECK (status IN ('publishing', 'published', 'failed')),
        last_error        jsonb,
        updated_at        timestamptz NOT NULL,
        PRIMARY KEY (portal_id, dataset_id)
      )`);
    await q.query(`CREATE INDEX portal_dataset_dataset_idx ON portal_dataset (dataset_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE portal_dataset`);
    await q.query(`DROP TABLE portal`);
  }
}
