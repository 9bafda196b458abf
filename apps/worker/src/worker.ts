import { bundleWorkflowCode, NativeConnection, Worker, type BundleOptions, type WorkflowBundle } from '@temporalio/worker';
import { createActActivities, createBudgetActivities, createDatasetActivities, datasetVersionLoader, createProcurementActivities, createSubventionActivities, createPullActivities, createWebhookActivities, createPortalActivities, type LoadDatasetVersion } from '@openactes/activities';
import type { AppConfig } from '@openactes/config';
import { Client } from '@temporalio/client';
import { datasetChangeNotifier, type ActActivities } from '@openactes/contracts';
import { ActStore, AuditLog, BudgetStore, DatasetSources, DatasetStore, PayloadStore, ProcurementStore, SubventionStore, PullStore, WebhookStore, PortalStore, TenantStore } from '@openactes/persistence';
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
  config: Pick<AppConfig, 'temporal' | 'workerShutdownGraceMs' | 'accountPlansDir' | 'secrets' | 'datasets' | 'publicBaseUrl'> & Partial<Pick<AppConfig, 'review' | 'portals'>>;
  dataSource: DataSource;
  connection: NativeConnection;
  workflowBundle: WorkflowBundle | { codePath: string };
  /** Decorates the activities, e.g. with instrumentation or injected faults. */
  decorateActivities?: (activities: ActActivities) => ActActivities;
  /** Reads a sealed dataset version for the portal publications; default: from the dataset store. */
  loadDatasetVersion?: LoadDatasetVersion;
}

/** Activities are built once from shared services; workflows come from a prebuilt bundle. */
export async function createWorker({ config, dataSource, connection, workflowBundle, decorateActivities = (a) => a, loadDatasetVersion }: WorkerDeps): Promise<Worker> {
  const audit = new AuditLog(dataSource);
  const acts = new ActStore(dataSource, audit);
  const procurements = new ProcurementStore(dataSource, audit);
  const datasetStore = new DatasetStore(dataSource);
  const datasets = datasetChangeNotifier(new Client({ connection, namespace: config.temporal.namespace }), config.temporal.taskQueue, config.datasets);
  return Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    workflowBundle,
    activities: {
      ...decorateActivities(createActActivities({ dataSource, acts, audit, review: config.review, datasets })),
      ...createPullActivities({ pulls: new PullStore(dataSource, audit), payloads: new PayloadStore(dataSource), acts, audit, datasets }),
      ...createBudgetActivities({ budgets: new BudgetStore(dataSource, audit), payloads: new PayloadStore(dataSource), audit, accountPlansDir: config.accountPlansDir, datasets }),
      ...createProcurementActivities({ procurements, payloads: new PayloadStore(dataSource), audit, datasets }),
      ...createSubventionActivities({ subventions: new SubventionStore(dataSource, audit), payloads: new PayloadStore(dataSource), audit, datasets }),
      ...createDatasetActivities({ datasets: datasetStore, sources: new DatasetSources(dataSource, (filter) => procurements.publishedRows(filter)), audit, publicBaseUrl: config.publicBaseUrl }),
      ...createWebhookActivities({ webhooks: new WebhookStore(dataSource, config.secrets, audit) }),
      ...createPortalActivities({
        portals: new PortalStore(dataSource, audit, config.secrets),
        audit,
        loadDatasetVersion: loadDatasetVersion ?? datasetVersionLoader(datasetStore, new TenantStore(dataSource, audit)),
        publisherOptions: { timeoutMs: config.portals?.timeoutMs },
      }),
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
