import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Versioned datasets. A record is stored once per content: it belongs to the
 * versions [added_in, removed_in), so any past version can be served again
 * exactly, and "what changed since version n" is a range query.
 */
export class Datasets1764800000000 implements MigrationInterface {
  name = 'Datasets1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    // French stemming that ignores accents, for search over published texts.
    await q.query(`CREATE TEXT SEARCH CONFIGURATION openactes_fr (COPY = french)`);
    await q.query(`ALTER TEXT SEARCH CONFIGURATION openactes_fr ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem`);
    await q.query(`
      CREATE TABLE dataset (
        id             text PRIMARY KEY,
        type           text NOT NULL CHECK (type IN ('deliberations', 'actes', 'budget', 'subventions', 'procurement')),
        siren          char(9),
        latest_version integer,
        created_at     timestamptz NOT NULL,
        modified_at    timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE dataset_version (
        dataset_id  text NOT NULL REFERENCES dataset (id),
        number      integer NOT NULL,
        created_at  timestamptz NOT NULL,
        row_count   integer NOT NULL,
        added       integer NOT NULL,
        removed     integer NOT NULL,
        quarantined integer NOT NULL,
        quarantine  jsonb NOT NULL DEFAULT '{}',
        csv_sha256  char(64),
        csv_bytes   bigint,
        json_sha256 char(64),
        json_bytes  bigint,
        first_date  date,
        last_date   date,
        sealed_at   timestamptz,
        PRIMARY KEY (dataset_id, number)
      )`);
    await q.query(`
      CREATE TABLE dataset_record (
        dataset_id  text NOT NULL REFERENCES dataset (id),
        record_key  text COLLATE "C" NOT NULL,
        added_in    integer NOT NULL,
        removed_in  integer,
        row_sha256  char(64) NOT NULL,
        row         jsonb NOT NULL,
        siren       char(9),
        record_date date,
        nature      text,
        matiere     text,
        year        smallint,
        search      tsvector,
        PRIMARY KEY (dataset_id, record_key, added_in)
      )`);
    await q.query(`CREATE INDEX ix_dataset_record_live ON dataset_record (dataset_id, record_key) WHERE removed_in IS NULL`);
    await q.query(`CREATE INDEX ix_dataset_record_removed ON dataset_record (dataset_id, removed_in) WHERE removed_in IS NOT NULL`);
    await q.query(`CREATE INDEX ix_dataset_record_added ON dataset_record (dataset_id, added_in)`);
    await q.query(`CREATE INDEX ix_dataset_record_search ON dataset_record USING gin (search)`);
    // Why a row of a deliberation is not in the dataset (the validator's errors), for the act's page.
    await q.query(`ALTER TABLE deliberation_record ADD COLUMN errors jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deliberation_record DROP COLUMN errors`);
    await q.query(`DROP TABLE dataset_record`);
    await q.query(`DROP TABLE dataset_version`);
    await q.query(`DROP TABLE dataset`);
    await q.query(`DROP TEXT SEARCH CONFIGURATION openactes_fr`);
  }
}
