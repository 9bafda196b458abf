export * from './process-act.workflow';
export * from './pull-platform.workflow';
export * from './process-budget.workflow';
export * from './process-procurement.workflow';
export * from './publish-dataset.workflow';
export * from './deliver-webhook.workflow';
export * from './publish-dataset-version.workflow';
