// Health of a worker (Docker HEALTHCHECK, Kubernetes readiness and liveness):
// healthy while Temporal lists a poller of this host on the task queue that
// polled recently. A worker whose polling stopped, or that lost Temporal, is
// unhealthy; one that crashed has exited anyway. Plain JavaScript so that the
// check starts fast (no TypeScript compiler on every probe).
const os = require('node:os');
const { Connection } = require('@temporalio/client');
const { tsToMs } = require('@temporalio/common/lib/time');

const TASK_QUEUE_KIND_NORMAL = 1;
const TASK_QUEUE_TYPE_WORKFLOW = 1;

/** True when a worker of `hostname` (identity `<pid>@<hostname>`, the SDK's default) polled the queue within `maxIdleMs`. */
async function workerIsPolling({ address, namespace, taskQueue, hostname = os.hostname(), maxIdleMs = 180_000, now = Date.now() }) {
  const connection = await Connection.connect({ address, connectTimeout: 5_000 });
  try {
    const { pollers } = await connection.workflowService.describeTaskQueue({
      namespace,
      taskQueue: { name: taskQueue, kind: TASK_QUEUE_KIND_NORMAL },
      taskQueueType: TASK_QUEUE_TYPE_WORKFLOW,
    });
    return (pollers ?? []).some((p) => typeof p.identity === 'string' && p.identity.endsWith(`@${hostname}`) && tsToMs(p.lastAccessTime) >= now - maxIdleMs);
  } finally {
    await connection.close();
  }
}

module.exports = { workerIsPolling };

if (require.main === module) {
  const env = process.env;
  workerIsPolling({
    address: env.TEMPORAL_ADDRESS,
    namespace: env.TEMPORAL_NAMESPACE || 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE || 'openactes-v1',
  }).then(
    (polling) => {
      if (!polling) console.error(`worker-health: no recent poller of ${os.hostname()} on ${env.TEMPORAL_TASK_QUEUE || 'openactes-v1'}`);
      process.exit(polling ? 0 : 1);
    },
    (err) => {
      console.error(`worker-health: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
