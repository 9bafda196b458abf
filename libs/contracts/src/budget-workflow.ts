import type { BudgetCounts, BudgetStatus } from '@openactes/domain';

export interface ProcessBudgetInput {
  budgetId: string;
  budgetKey: string;
}

export interface ProcessBudgetResult {
  budgetId: string;
  status: BudgetStatus;
  failureCode?: string;
}

/** One budget document, one workflow: the ID is derived from the budget's natural key. */
export function budgetWorkflowId(budgetKey: string): string {
  return `budget-${budgetKey}`;
}

export interface BudgetRef {
  budgetId: string;
}

export interface BudgetFailure extends BudgetRef {
  code: string;
  message: string;
}

export interface BudgetConversionSummary {
  counts: BudgetCounts;
  warnings: number;
}

/**
 * Side effects of the budget pipeline. Implemented in `@openactes/activities`;
 * workflows see them only as this type.
 */
export interface BudgetActivities {
  startBudgetProcessing(input: BudgetRef): Promise<{ status: BudgetStatus }>;
  /** Reads the TOTEM flux and its account plan, stores valid rows and quarantines the others. */
  convertBudget(input: BudgetRef): Promise<BudgetConversionSummary>;
  publishBudget(input: BudgetRef): Promise<{ status: BudgetStatus }>;
  failBudget(input: BudgetFailure): Promise<void>;
}
