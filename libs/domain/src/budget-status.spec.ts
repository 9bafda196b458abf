import { BUDGET_STATUSES, budgetKey, canTransitionBudget } from './budget-status';

describe(canTransitionBudget.name, () => {
  it('runs received → processing → published, and lets only a failed budget run again', () => {
    expect(canTransitionBudget('received', 'processing')).toBe(true);
    expect(canTransitionBudget('processing', 'published')).toBe(true);
    expect(canTransitionBudget('processing', 'failed')).toBe(true);
    expect(canTransitionBudget('failed', 'processing')).toBe(true);
    expect(canTransitionBudget('received', 'published')).toBe(false);
  });

  it('never moves a published budget', () => {
    expect(BUDGET_STATUSES.filter((to) => canTransitionBudget('published', to))).toEqual([]);
  });
});

describe(budgetKey.name, () => {
  it('joins SIRET, exercice, stage and budget code', () => {
    expect(budgetKey({ siret: '24350078200095', year: '2022', natDec: '01', budgetCode: '06' })).toBe('24350078200095-2022-01-06');
  });
});
