import { bundleWorkflowCode, NativeConnection, Worker, type BundleOptions, type WorkflowBundle } from '@temporalio/worker';
import { createActActivities, createBudgetActivities, createPullActivities } from '@openactes/activities';
import type { AppConfig } from '@openactes/config';
import type { ActActivities } from '@openactes/contracts';
import { ActStore, AuditLog, BudgetStore, PayloadStore, PullStore } from '@openactes/persistence';
import type { DataSource } from 'typeorm';

/** The one set of bundler options used by the worker, the bundle script and every test. */
export function workflowBundlerOptions(): BundleOptions {
  return {
    workflowsPath: require.resolve('@openactes/workflows'),
    ignoreModules: [],
  };
}

export async function bundleWorkflows(): Promise<WorkflowBundle> {
  const { code } = await bundleWorkflowCode({ ...workflowBundlerOptions(), logger: quietBundlerLogger });
  return { code };
}

export interface WorkerDeps {
  config: Pick<AppConfig, 'temporal' | 'workerShutdownGraceMs' | 'accountPlansDir'>;
  dataSource: DataSource;
  connection: NativeConnection;
  workflowBundle: WorkflowBundle | { codePath: string };
  /** Decorates the activities, e.g. with instrumentation or injected faults. */
  decorateActivities?: (activities: ActActivities) => ActActivities;
}

/** Activities are built once from shared services; workflows come from a prebuilt bundle. */
export async function createWorker({ config, dataSource, connection, workflowBundle, decorateActivities = (a) => a }: WorkerDeps): Promise<Worker> {
  const audit = new AuditLog(dataSource);
  const acts = new ActStore(dataSource, audit);
  return Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    workflowBundle,
    activities: {
      ...decorateActivities(createActActivities({ dataSource, acts, audit })),
      ...createPullActivities({ pulls: new PullStore(dataSource, audit), payloads: new PayloadStore(dataSource), acts, audit }),
      ...createBudgetActivities({ budgets: new BudgetStore(dataSource, audit), payloads: new PayloadStore(dataSource), audit, accountPlansDir: config.accountPlansDir }),
    },
    shutdownGraceTime: config.workerShutdownGraceMs,
  });
}

const quietBundlerLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
  log: () => undefined,
};
