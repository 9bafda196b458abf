import { canTransitionBudget, CodedError, type BudgetCounts, type BudgetStatus } from '@openactes/domain';
import type { DataSource } from 'typeorm';
import { AuditLog } from './audit-log';
import { BudgetEntity } from './entities/budget.entity';
import { BudgetRowEntity, type BudgetDataset, type RowError } from './entities/budget-row.entity';

export interface NewBudget {
  budgetKey: string;
  workflowId: string;
  payloadSha256: string;
  siren: string;
  siret: string;
  year: number;
  natDec: string;
  budgetCode: string;
  nomenclature: string;
  kind: BudgetEntity['kind'];
  collectivityName: string;
  budgetName: string | null;
  actId: string | null;
}

export interface RegisteredBudget {
  id: string;
  budgetKey: string;
  workflowId: string;
  status: BudgetStatus;
  /** False when the same flux, or another one with the same natural key, was registered before. */
  isNew: boolean;
}

export interface NewBudgetRow {
  dataset: BudgetDataset;
  position: number;
  row: Record<string, string>;
  /** Null for a publishable row. */
  errors: RowError[] | null;
}

export interface BudgetConversion {
  rows: NewBudgetRow[];
  counts: BudgetCounts;
  warnings: string[];
}

export interface BudgetStatusChange {
  failure?: { code: string; message: string };
  details?: Record<string, unknown>;
}

/** Budget documents and their SCDL rows; every state change is audited in the same transaction. */
export class BudgetStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  /** Idempotent by payload and by natural key: a re-sent document never yields a second budget. */
  async register(b: NewBudget, actor: string): Promise<RegisteredBudget> {
    return this.dataSource.transaction(async (m) => {
      const now = new Date();
      const inserted = (await m.query(
        `INSERT INTO budget (budget_key, payload_sha256, siren, siret, year, nat_dec, budget_code, nomenclature, kind,
                             collectivity_name, budget_name, act_id, status, workflow_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'received', $13, $14, $14)
         ON CONFLICT DO NOTHING RETURNING id`,
        [b.budgetKey, b.payloadSha256, b.siren, b.siret, b.year, b.natDec, b.budgetCode, b.nomenclature, b.kind,
          b.collectivityName, b.budgetName, b.actId, b.workflowId, now],
      )) as { id: string }[];
      if (inserted.length) {
        const id = inserted[0].id;
        await this.audit.append(
          { actor, action: 'budget.received', subjectType: 'budget', subjectId: id, outcome: 'ok',
            details: { budgetKey: b.budgetKey, payloadSha256: b.payloadSha256, nomenclature: b.nomenclature, actId: b.actId } },
          m,
        );
        return { id, budgetKey: b.budgetKey, workflowId: b.workflowId, status: 'received', isNew: true };
      }
      const existing = await m
        .getRepository(BudgetEntity)
        .createQueryBuilder('b')
        .where('b.budget_key = :key OR b.payload_sha256 = :sha', { key: b.budgetKey, sha: b.payloadSha256 })
        .getOneOrFail();
      if (existing.payloadSha256 !== b.payloadSha256) {
        // Another flux with the same natural key: kept as a payload, traced, not a second budget.
        await this.audit.append(
          { actor, action: 'budget.duplicate_received', subjectType: 'budget', subjectId: existing.id, outcome: 'ok',
            details: { payloadSha256: b.payloadSha256, actId: b.actId } },
          m,
        );
      }
      return { id: existing.id, budgetKey: existing.budgetKey, workflowId: existing.workflowId, status: existing.status, isNew: false };
    });
  }

  async find(id: string): Promise<BudgetEntity | null> {
    return this.dataSource.getRepository(BudgetEntity).findOneBy({ id });
  }

  async get(id: string): Promise<BudgetEntity> {
    const budget = await this.find(id);
    if (!budget) throw new CodedError('NOT_FOUND', `No budget ${id}`, { budgetId: id });
    return budget;
  }

  /** Moves a budget along its lifecycle and audits the step; replaying the same step is a no-op. */
  async transition(id: string, to: BudgetStatus, step: string, actor: string, change: BudgetStatusChange = {}): Promise<BudgetEntity> {
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(BudgetEntity);
      const budget = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!budget) throw new CodedError('NOT_FOUND', `No budget ${id}`, { budgetId: id });
      if (budget.status === to && to !== 'processing') return budget;
      if (!canTransitionBudget(budget.status, to)) {
        throw new CodedError('CONFLICT', `Budget ${id} cannot go from ${budget.status} to ${to}`, { from: budget.status, to });
      }
      const now = new Date();
      budget.status = to;
      budget.updatedAt = now;
      budget.failureCode = change.failure?.code ?? null;
      budget.failureMessage = change.failure?.message ?? null;
      if (to === 'published') budget.publishedAt = now;
      await repo.save(budget);
      await this.audit.append(
        { actor, action: step, subjectType: 'budget', subjectId: id, outcome: change.failure ? 'failed' : 'ok',
          details: { status: to, ...(change.failure ? { code: change.failure.code } : {}), ...change.details } },
        m,
      );
      return budget;
    });
  }

  /**
   * Replaces the rows of a budget being processed (a retried step rewrites
   * them whole) with its counts and warnings, in one transaction.
   */
  async saveConversion(id: string, conversion: BudgetConversion, actor: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const budget = await m.getRepository(BudgetEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!budget) throw new CodedError('NOT_FOUND', `No budget ${id}`, { budgetId: id });
      if (budget.status !== 'processing') {
        throw new CodedError('CONFLICT', `Budget ${id} is ${budget.status}, not processing: its rows stay as they are`, { status: budget.status });
      }
      await m.query('DELETE FROM budget_row WHERE budget_id = $1', [id]);
      const { rows } = conversion;
      for (let start = 0; start < rows.length; start += 1000) {
        const page = rows.slice(start, start + 1000);
        await m.query(
          `INSERT INTO budget_row (budget_id, dataset, position, row, errors)
           SELECT $1::uuid, * FROM unnest($2::text[], $3::int[], $4::jsonb[], $5::jsonb[])`,
          [id, page.map((r) => r.dataset), page.map((r) => r.position), page.map((r) => JSON.stringify(r.row)),
            page.map((r) => (r.errors ? JSON.stringify(r.errors) : null))],
        );
      }
      await m.query('UPDATE budget SET counts = $2, warnings = $3, updated_at = now() WHERE id = $1', [
        id, JSON.stringify(conversion.counts), JSON.stringify(conversion.warnings),
      ]);
      await this.audit.append(
        { actor, action: 'budget.converted', subjectType: 'budget', subjectId: id, outcome: 'ok',
          details: { counts: conversion.counts, warnings: conversion.warnings.length } },
        m,
      );
    });
  }

  async rows(budgetId: string, dataset: BudgetDataset): Promise<BudgetRowEntity[]> {
    return this.dataSource.getRepository(BudgetRowEntity).find({ where: { budgetId, dataset }, order: { position: 'ASC' } });
  }

  /**
   * Publishable rows of published budgets, in a stable order (exercice, budget,
   * line), read in pages so memory stays flat. A budget's rows are written
   * before it is published, so a reader sees all of them or none.
   */
  async *publishedRows(dataset: BudgetDataset, filter: { siren?: string; year?: number }, pageSize = 1000): AsyncGenerator<Record<string, string>> {
    let after: { year: number; key: string; position: number } | null = null;
    for (;;) {
      const params: unknown[] = [pageSize, dataset];
      let where = `r.dataset = $2 AND r.errors IS NULL AND b.status = 'published'`;
      if (filter.siren) {
        params.push(filter.siren);
        where += ` AND b.siren = $${params.length}`;
      }
      if (filter.year) {
        params.push(filter.year);
        where += ` AND b.year = $${params.length}`;
      }
      if (after) {
        params.push(after.year, after.key, after.position);
        where += ` AND (b.year, b.budget_key, r.position) > ($${params.length - 2}::smallint, $${params.length - 1}::text, $${params.length}::int)`;
      }
      const rows = (await this.dataSource.query(
        `SELECT b.year, b.budget_key, r.position, r.row
           FROM budget_row r JOIN budget b ON b.id = r.budget_id
          WHERE ${where}
          ORDER BY b.year, b.budget_key, r.position
          LIMIT $1`,
        params,
      )) as { year: number; budget_key: string; position: number; row: Record<string, string> }[];
      for (const r of rows) yield r.row;
      if (rows.length < pageSize) return;
      const last = rows[rows.length - 1];
      after = { year: last.year, key: last.budget_key, position: last.position };
    }
  }
}
