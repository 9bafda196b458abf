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
    expect(budgetKey({ siret: '24350078200095', year: '2022', natDec: '01', budgetCode: '06', decisionDate: '2022-04-04' })).toBe('24350078200095-2022-01-06');
  });

  it('tells the décisions modificatives of one exercice apart', () => {
    const dm = { siret: '24350078200095', year: '2022', natDec: '02', budgetCode: '' };
    expect(budgetKey({ ...dm, decisionDate: '2022-06-20' })).toBe('24350078200095-2022-02--2022-06-20');
    expect(budgetKey({ ...dm, decisionDate: '2022-06-20' })).not.toBe(budgetKey({ ...dm, decisionDate: '2022-11-14' }));
    expect(budgetKey({ ...dm, payloadSha256: 'ab'.repeat(32) })).toBe(`24350078200095-2022-02--sha-${'ab'.repeat(8)}`);
  });
});
