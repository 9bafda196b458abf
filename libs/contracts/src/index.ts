export * from './task-queues';
export * from './act-workflow';
export * from './pull-workflow';
export * from './budget-workflow';
export * from './procurement-workflow';
export * from './dataset-workflow';
export * from './webhook-workflow';
export * from './portal-workflow';
