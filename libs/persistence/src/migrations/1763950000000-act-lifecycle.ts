import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ActLifecycle1763950000000 implements MigrationInterface {
  name = 'ActLifecycle1763950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE act
        ADD COLUMN id_acte text,
        ADD COLUMN prefecture_status text NOT NULL DEFAULT 'transmitted'
          CHECK (prefecture_status IN ('transmitted', 'acknowledged', 'rejected', 'cancelled')),
        ADD COLUMN date_reception date,
        ADD COLUMN prefecture_service text,
        ADD COLUMN rejection jsonb,
        ADD COLUMN cancellation_date date,
        ADD COLUMN flags jsonb NOT NULL DEFAULT '{}'`);
    await q.query(`CREATE UNIQUE INDEX uq_act_id_acte ON act (id_acte) WHERE id_acte IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX uq_act_id_acte`);
    await q.query(`
      ALTER TABLE act DROP COLUMN id_acte, DROP COLUMN prefecture_status, DROP COLUMN date_reception,
        DROP COLUMN prefecture_service, DROP COLUMN rejection, DROP COLUMN cancellation_date, DROP COLUMN flags`);
  }
}
