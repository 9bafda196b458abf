import { Context } from '@temporalio/activity';
import { datasetIdsFor, type BudgetActivities, type BudgetFailure, type BudgetRef, type DatasetChangeNotifier } from '@openactes/contracts';
import { canTransitionBudget, CodedError } from '@openactes/domain';
import { loadAccountPlan, readTotem } from '@openactes/formats';
import type { AuditLog, BudgetStore, PayloadStore } from '@openactes/persistence';
import { auditedSteps } from './audited-step';
import { buildBudgetDatasets } from './budget-datasets';

export interface BudgetActivityDeps {
  budgets: BudgetStore;
  payloads: PayloadStore;
  audit: AuditLog;
  /** The DGFiP account plans the operator provides (ACCOUNT_PLANS_DIR). */
  accountPlansDir: string;
  /** Tells the budget and subventions datasets a budget entered them. */
  datasets?: DatasetChangeNotifier;
}

const ACTOR = 'system:worker';

export function createBudgetActivities({ budgets, payloads, audit, accountPlansDir, datasets }: BudgetActivityDeps): BudgetActivities {
  const step = auditedSteps(audit, ACTOR, 'budget', (input: BudgetRef) => input.budgetId);

  return {
    startBudgetProcessing: step('budget.processing_started', async ({ budgetId }) => {
      const attempt = Context.current().info.attempt;
      const { status } = await budgets.transition(budgetId, 'processing', 'budget.processing_started', ACTOR, { details: { attempt } });
      return { status };
    }),

    convertBudget: step('budget.converted', async ({ budgetId }) => {
      const budget = await budgets.get(budgetId);
      const xml = await payloads.content(budget.payloadSha256);
      if (!xml) throw new CodedError('NOT_FOUND', `The TOTEM payload ${budget.payloadSha256} of budget ${budgetId} is gone`, { budgetId });
      const doc = readTotem(xml);
      // A missing plan is MISSING_ACCOUNT_PLAN, naming the file to add.
      const plan = await loadAccountPlan(accountPlansDir, doc.nomenclature, doc.year);
      const conversion = buildBudgetDatasets(doc, plan);
      await budgets.saveConversion(budgetId, conversion, ACTOR);
      return { counts: conversion.counts, warnings: conversion.warnings.length };
    }),

    publishBudget: step('budget.published', async ({ budgetId }) => {
      const { status, siren } = await budgets.transition(budgetId, 'published', 'budget.published', ACTOR);
      await datasets?.changed(datasetIdsFor(['budget', 'subventions'], siren), { reason: 'budget.published', subjectId: budgetId });
      return { status };
    }),

    failBudget: step('budget.failed', async ({ budgetId, code, message }: BudgetFailure) => {
      const budget = await budgets.get(budgetId);
      if (!canTransitionBudget(budget.status, 'failed')) return;
      await budgets.transition(budgetId, 'failed', 'budget.failed', ACTOR, { failure: { code, message } });
    }),
  };
}
