export * from './process-act.workflow';
export * from './pull-platform.workflow';
export * from './process-budget.workflow';
