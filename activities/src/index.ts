export * from './act.activities';
export * from './failures';
export * from './pdf-text';
export * from './pull.activities';
export * from './budget.activities';
export * from './budget-datasets';
