import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail becomes several hash chains, so that concurrent writers
 * (gateway, workers) do not all wait for one lock. Events written before stay
 * on chain 0, whose links are unchanged.
 */
export class AuditChains1765200000000 implements MigrationInterface {
  name = 'AuditChains1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_event ADD COLUMN chain smallint NOT NULL DEFAULT 0`);
    await q.query(`CREATE INDEX ix_audit_event_chain_seq ON audit_event (chain, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_audit_event_chain_seq`);
    await q.query(`ALTER TABLE audit_event DROP COLUMN chain`);
  }
}
