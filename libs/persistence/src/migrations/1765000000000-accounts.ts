import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Console accounts and their sessions. The audit trail stays append-only through the
 * trigger of the initial schema: the application role owns audit_event, and an owner
 * cannot be denied UPDATE/DELETE by REVOKE, so the trigger is what refuses them.
 */
export class Accounts1765000000000 implements MigrationInterface {
  name = 'Accounts1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username      text NOT NULL UNIQUE,
        display_name  text NOT NULL,
        role          text NOT NULL CHECK (role IN ('admin', 'reviewer', 'clerk')),
        sirens        text[] NOT NULL DEFAULT '{}',
        password_hash text,
        oidc_subject  text UNIQUE,
        active        boolean NOT NULL DEFAULT true,
        created_at    timestamptz NOT NULL,
        last_login_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE app_session (
        id           char(64) PRIMARY KEY,
        user_id      uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        csrf_token   text NOT NULL,
        created_at   timestamptz NOT NULL,
        expires_at   timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        ip           text,
        user_agent   text
      )`);
    await q.query(`CREATE INDEX idx_app_session_user ON app_session (user_id)`);
    await q.query(`CREATE INDEX idx_audit_event_action_at ON audit_event (action, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_audit_event_action_at`);
    await q.query(`DROP TABLE app_session`);
    await q.query(`DROP TABLE app_user`);
  }
}
