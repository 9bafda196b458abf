import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { eventually, openStores, startWorker, testConfig, type RunningWorker } from '../support/harness';

// The health check the worker image runs (Docker HEALTHCHECK, Kubernetes probes), against a real worker.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { workerIsPolling } = require('../../infra/docker/worker-health.cjs') as {
  workerIsPolling: (options: { address: string; namespace: string; taskQueue: string; hostname?: string }) => Promise<boolean>;
};
const SCRIPT = path.resolve(__dirname, '../../infra/docker/worker-health.cjs');

describe('worker health check', () => {
  const config = testConfig();
  const target = { address: config.temporal.address, namespace: config.temporal.namespace, taskQueue: config.temporal.taskQueue };
  let stores: Awaited<ReturnType<typeof openStores>>;
  let worker: RunningWorker | undefined;

  beforeAll(async () => {
    stores = await openStores(config);
  });

  afterAll(async () => {
    await worker?.stop();
    await stores?.dataSource.destroy();
  });

  it('is unhealthy before a worker of this host polls, healthy once it does, and only for this host', async () => {
    expect(await workerIsPolling(target)).toBe(false);
    worker = await startWorker(config, stores.dataSource);
    expect(await eventually(() => workerIsPolling(target), (ok) => ok)).toBe(true);
    expect(await workerIsPolling({ ...target, hostname: 'another-pod' })).toBe(false);
    expect(await workerIsPolling({ ...target, taskQueue: `${target.taskQueue}-other` })).toBe(false);

    const run = (env: Record<string, string>) =>
      promisify(execFile)(process.execPath, [SCRIPT], { env: { PATH: process.env.PATH ?? '', TEMPORAL_NAMESPACE: target.namespace, ...env } }).then(
        () => 0,
        (err: { code?: number }) => err.code ?? -1,
      );
    expect(await run({ TEMPORAL_ADDRESS: target.address, TEMPORAL_TASK_QUEUE: target.taskQueue })).toBe(0);
    expect(await run({ TEMPORAL_ADDRESS: target.address, TEMPORAL_TASK_QUEUE: `${target.taskQueue}-other` })).toBe(1);
    expect(await run({ TEMPORAL_ADDRESS: '127.0.0.1:1', TEMPORAL_TASK_QUEUE: target.taskQueue })).toBe(1);
  });
});
