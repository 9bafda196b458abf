export * from './task-queues';
export * from './act-workflow';
