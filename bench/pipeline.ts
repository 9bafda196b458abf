import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig, type AppConfig } from '@openactes/config';
import type { ActActivities } from '@openactes/contracts';
import { createGatewayApp } from '@openactes/gateway';
import { buildDemoArchives, DEMO_COLLECTIVITIES, type DemoArchive } from '@openactes/demo-data';
import { writeActeArchive } from '@openactes/formats';
import { AuditLog, createDataSource, TenantStore } from '@openactes/persistence';
import { createWorker } from '@openactes/worker';
import type { DataSource } from 'typeorm';
import { freePort } from '../infra/src/local-postgres';
import { startNodeApp, waitForHttp } from '../infra/src/processes';
import { stopChild } from '../infra/src/temporal-dev-server';
import type { ThrowawayStack } from '../infra/src/throwaway-stack';
import { mapLimit } from './bench-kit';

export const BENCH_TOKEN = 'bench-platform-token-0123456789';
/** Statuses an act's pipeline stops at without a person acting. */
export const SETTLED_STATUSES = ['published', 'held_for_review', 'rejected', 'failed', 'withdrawn'];

/** Configuration of the bench's in-process gateway and worker: its own task queue, no rate limit. */
export function benchConfig(stack: ThrowawayStack, taskQueue: string, env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: stack.databaseUrl,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    TEMPORAL_TASK_QUEUE: taskQueue,
    DEV_PLATFORM_TOKEN: BENCH_TOKEN,
    DB_MIGRATE_ON_BOOT: 'false',
    WORKER_SHUTDOWN_GRACE_MS: '500',
    RATE_LIMIT_PER_MINUTE: '0',
    RATE_LIMIT_ANON_PER_MINUTE: '0',
    ...env,
  });
}

export async function openDataSource(stack: ThrowawayStack, poolSize = 10): Promise<DataSource> {
  const dataSource = await createDataSource(stack.databaseUrl, { poolSize }).initialize();
  // SCDL rows need the collectivity's SIRET, as an administrator registers it.
  const tenants = new TenantStore(dataSource, new AuditLog(dataSource));
  for (const c of DEMO_COLLECTIVITIES) await tenants.upsertCollectivity({ siren: c.siren, name: c.name, siret: c.siret }, 'bench');
  return dataSource;
}

/**
 * 3-page generated deliberations. Each benchmark's acts are its own: the act
 * number carries the seed, so two benchmarks sharing a database never send
 * the same act (it would join a workflow started on another task queue).
 */
export function demoArchives(seed: number, count: number): DemoArchive[] {
  return buildDemoArchives({ seed, count, pagesPerAct: 3 }).map((a, i) => {
    const spec = { ...a.spec, numeroInterne: `B${seed}_${i}` };
    return { ...a, ...writeActeArchive(spec), spec };
  });
}

export interface PipelineRun {
  actIds: string[];
  seconds: number;
  statuses: Record<string, number>;
}

/**
 * Posts the archives to a gateway and lets a worker process them, both in this
 * process, until every act has settled: gateway → Temporal → PostgreSQL → published.
 */
export async function runPipeline(
  stack: ThrowawayStack,
  dataSource: DataSource,
  archives: readonly DemoArchive[],
  taskQueue: string,
  timeoutMs: number,
  decorateActivities?: (a: ActActivities) => ActActivities,
): Promise<PipelineRun> {
  const config = benchConfig(stack, taskQueue);
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const worker = await createWorker({ config, dataSource, connection, workflowBundle: { codePath: stack.workflowBundlePath }, decorateActivities });
  const running = worker.run();
  const app = await createGatewayApp(config, { logger: false });
  try {
    await app.listen(0, '127.0.0.1');
    const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
    const started = process.hrtime.bigint();
    const actIds = (
      await mapLimit(archives, 4, async (a) => {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/transmissions`, {
          method: 'POST',
          headers: { 'content-type': 'application/gzip', authorization: `Bearer ${BENCH_TOKEN}` },
          body: a.data,
        });
        const body = (await res.json()) as { acts?: { id: string }[] };
        if (res.status >= 300 || !body.acts) throw new Error(`gateway answered ${res.status}: ${JSON.stringify(body).slice(0, 200)}`);
        return body.acts.map((act) => act.id);
      })
    ).flat();
    const deadline = Date.now() + timeoutMs;
    let statuses: Record<string, number> = {};
    for (;;) {
      statuses = await statusCounts(dataSource, actIds);
      const settled = SETTLED_STATUSES.reduce((n, s) => n + (statuses[s] ?? 0), 0);
      if (settled === actIds.length) break;
      if (Date.now() > deadline) throw new Error(`${settled}/${actIds.length} acts settled after ${timeoutMs} ms: ${JSON.stringify(statuses)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return { actIds, seconds: Number(process.hrtime.bigint() - started) / 1e9, statuses };
  } finally {
    await app.close();
    worker.shutdown();
    await running;
    await connection.close();
  }
}

export async function statusCounts(dataSource: DataSource, actIds: readonly string[]): Promise<Record<string, number>> {
  const rows = (await dataSource.query(`SELECT status, count(*)::int AS n FROM act WHERE id = ANY($1) GROUP BY status`, [actIds])) as { status: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** The gateway in its own process (its RSS is its own), on a free port, no rate limit; stop() ends it. */
export async function startGatewayProcess(
  stack: ThrowawayStack,
  log: (line: string) => void,
  env: Record<string, string> = {},
): Promise<{ baseUrl: string; pid: number; stop(): Promise<void> }> {
  const port = await freePort();
  const child = startNodeApp(
    'gateway',
    'apps/gateway/src/main.ts',
    {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: stack.databaseUrl,
      TEMPORAL_ADDRESS: stack.temporalAddress,
      TEMPORAL_TASK_QUEUE: `bench-gateway-${randomUUID()}`,
      DEV_PLATFORM_TOKEN: BENCH_TOKEN,
      DB_MIGRATE_ON_BOOT: 'false',
      RATE_LIMIT_PER_MINUTE: '0',
      RATE_LIMIT_ANON_PER_MINUTE: '0',
      ...env,
    },
    // Nest's start-up lines (one per route) would drown the table; warnings and errors pass.
    (line) => (/\bLOG\b/.test(line) ? undefined : log(line)),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${baseUrl}/health`, 90_000, () => true);
  } catch (err) {
    await stopChild(child);
    throw err;
  }
  return { baseUrl, pid: child.pid!, stop: () => stopChild(child) };
}
