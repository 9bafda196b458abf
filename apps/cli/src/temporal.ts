import { Client, Connection } from '@temporalio/client';
import { DEFAULT_TASK_QUEUE } from '@openactes/contracts';

export interface TemporalTarget {
  address: string;
  namespace: string;
  taskQueue: string;
}

/** TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE and TEMPORAL_TASK_QUEUE, defaulting to the local stack `npm start` runs. */
export function temporalTarget(env = process.env): TemporalTarget {
  return {
    address: env.TEMPORAL_ADDRESS || '127.0.0.1:7233',
    namespace: env.TEMPORAL_NAMESPACE || 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE || DEFAULT_TASK_QUEUE,
  };
}

export async function withTemporal<T>(fn: (client: Client, target: TemporalTarget) => Promise<T>): Promise<T> {
  const target = temporalTarget();
  const connection = await Connection.connect({ address: target.address, connectTimeout: '5 seconds' });
  try {
    return await fn(new Client({ connection, namespace: target.namespace }), target);
  } finally {
    await connection.close();
  }
}
