export const BUDGET_STATUSES = ['received', 'processing', 'published', 'failed'] as const;
export type BudgetStatus = (typeof BUDGET_STATUSES)[number];

const NEXT: Record<BudgetStatus, readonly BudgetStatus[]> = {
  received: ['processing', 'failed'],
  processing: ['processing', 'published', 'failed'],
  // A published budget is final: its rows are in the datasets.
  published: [],
  // An operator's retry (once the cause is fixed, e.g. the account plan added) runs the pipeline again.
  failed: ['processing'],
};

export function canTransitionBudget(from: BudgetStatus, to: BudgetStatus): boolean {
  return NEXT[from].includes(to);
}

/** `NatDec` of a décision modificative: a budget may have several in one exercice. */
export const NATDEC_DM = '02';

/**
 * Natural key of a budget document: one per budget (SIRET and budget code),
 * exercice and stage. A second document with the same key is the same budget.
 * Décisions modificatives are told apart by their decision date (`DteDec`),
 * or, without one, by their content.
 */
export function budgetKey(budget: { siret: string; year: string; natDec: string; budgetCode: string; decisionDate?: string; payloadSha256?: string }): string {
  const key = `${budget.siret}-${budget.year}-${budget.natDec}-${budget.budgetCode}`;
  if (budget.natDec !== NATDEC_DM) return key;
  return `${key}-${budget.decisionDate ?? `sha-${(budget.payloadSha256 ?? '').slice(0, 16)}`}`;
}

/** What became of the rows of one dataset built from a budget document. */
export interface DatasetRowCounts {
  /** Source lines (`LigneBudget` or `CONCOURS`). */
  read: number;
  published: number;
  quarantined: number;
  /** Quarantined rows by `<column>:<check>`; a row may count under several reasons. */
  quarantineReasons: Record<string, number>;
}

export interface BudgetCounts {
  budget: DatasetRowCounts & {
    /** Lines that are not rows: totals the tools computed, lines without an account. */
    dropped: { calculated: number; noNature: number };
  };
  subventions: DatasetRowCounts;
}
