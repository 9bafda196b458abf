export * from './task-queues';
export * from './act-workflow';
export * from './pull-workflow';
export * from './budget-workflow';
