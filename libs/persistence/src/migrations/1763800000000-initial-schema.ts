import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE received_payload (
        sha256            char(64) PRIMARY KEY,
        kind              text NOT NULL,
        content_type      text,
        size_bytes        integer NOT NULL,
        content           bytea NOT NULL,
        submitter         text NOT NULL,
        received_at       timestamptz NOT NULL,
        outcome           text NOT NULL CHECK (outcome IN ('pending', 'accepted', 'rejected')),
        rejection_code    text,
        rejection_message text
      )`);
    await q.query(`
      CREATE TABLE collectivity (
        siren      char(9) PRIMARY KEY,
        name       text NOT NULL,
        siret      char(14),
        created_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE transmission (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        payload_sha256 char(64) NOT NULL REFERENCES received_payload (sha256),
        archive_name   text,
        envelope_name  text NOT NULL,
        siren          char(9) NOT NULL,
        warnings       jsonb NOT NULL DEFAULT '[]',
        created_at     timestamptz NOT NULL,
        CONSTRAINT uq_transmission_payload UNIQUE (payload_sha256)
      )`);
    await q.query(`
      CREATE TABLE act (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        act_key             text NOT NULL,
        siren               char(9) NOT NULL REFERENCES collectivity (siren),
        numero_interne      text NOT NULL,
        decision_date       date NOT NULL,
        nature              text NOT NULL,
        nature_code         smallint NOT NULL,
        matieres            integer[] NOT NULL,
        classification_code text NOT NULL,
        classification_date date,
        objet               text NOT NULL,
        status              text NOT NULL CHECK (status IN ('received', 'processing', 'held_for_review', 'published', 'rejected', 'failed', 'withdrawn')),
        failure_code        text,
        failure_message     text,
        published_at        timestamptz,
        transmission_id     uuid NOT NULL REFERENCES transmission (id),
        workflow_id         text NOT NULL,
        warnings            jsonb NOT NULL DEFAULT '[]',
        created_at          timestamptz NOT NULL,
        updated_at          timestamptz NOT NULL,
        CONSTRAINT uq_act_key UNIQUE (act_key)
      )`);
    await q.query(`CREATE INDEX ix_act_siren_status ON act (siren, status)`);
    await q.query(`
      CREATE TABLE document (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        act_id     uuid NOT NULL REFERENCES act (id),
        role       text NOT NULL CHECK (role IN ('main', 'annex')),
        position   smallint NOT NULL,
        file_name  text NOT NULL,
        piece_type text,
        media_type text NOT NULL,
        sha256     char(64) NOT NULL,
        size_bytes integer NOT NULL,
        content    bytea NOT NULL,
        text       text,
        page_count integer,
        CONSTRAINT uq_document_act_file UNIQUE (act_id, file_name)
      )`);
    await q.query(`
      CREATE TABLE deliberation_record (
        act_id   uuid PRIMARY KEY REFERENCES act (id),
        siren    char(9) NOT NULL,
        row      jsonb NOT NULL,
        warnings jsonb NOT NULL DEFAULT '[]',
        built_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_deliberation_record_siren ON deliberation_record (siren)`);
    await q.query(`
      CREATE TABLE audit_event (
        seq            bigserial PRIMARY KEY,
        at             timestamptz NOT NULL,
        actor          text NOT NULL,
        action         text NOT NULL,
        subject_type   text NOT NULL,
        subject_id     text NOT NULL,
        outcome        text NOT NULL,
        details        jsonb NOT NULL DEFAULT '{}',
        payload_digest char(64) NOT NULL,
        prev_hash      char(64) NOT NULL,
        hash           char(64) NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_audit_event_subject ON audit_event (subject_type, subject_id, seq)`);
    // The trail is append-only: even the application's own role cannot rewrite it.
    await q.query(`
      CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_event
      FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_event_append_only ON audit_event`);
    await q.query(`DROP FUNCTION audit_event_is_append_only()`);
    for (const table of ['audit_event', 'deliberation_record', 'document', 'act', 'transmission', 'collectivity', 'received_payload']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
