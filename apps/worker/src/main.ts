import { NativeConnection, Runtime } from '@temporalio/worker';
import { ConfigError, loadConfig } from '@openactes/config';
import { createDataSource } from '@openactes/persistence';
import { JsonRuntimeLogger } from './json-runtime-logger';
import { bundleWorkflows, createWorker } from './worker';

async function main(): Promise<void> {
  const config = loadConfig();
  // The Runtime stops every worker gracefully on SIGINT/SIGTERM: in-flight activities get the grace period.
  // LOG_FORMAT=json (the default in production): every SDK, workflow and activity log line as JSON, keyed by workflow id.
  Runtime.install({ shutdownSignals: ['SIGINT', 'SIGTERM'], ...(config.logFormat === 'json' ? { logger: new JsonRuntimeLogger() } : {}) });
  const dataSource = await createDataSource(config.databaseUrl, { applicationName: 'openactes-worker' }).initialize();
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  try {
    const worker = await createWorker({ config, dataSource, connection, workflowBundle: await bundleWorkflows() });
    console.log(`worker: polling task queue ${config.temporal.taskQueue} on ${config.temporal.address} (namespace ${config.temporal.namespace})`);
    await worker.run();
    console.log('worker: stopped');
  } finally {
    await connection.close();
    await dataSource.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
