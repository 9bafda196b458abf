export * from './process-act.workflow';
