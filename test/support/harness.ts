import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { loadConfig, type AppConfig } from '@openactes/config';
import type { ActActivities } from '@openactes/contracts';
import { createGatewayApp } from '@openactes/gateway';
import { DEMO_COLLECTIVITIES } from '@openactes/demo-data';
import { siretIsValid } from '@openactes/domain';
import { ActStore, AuditLog, createDataSource, PayloadStore, TenantStore, UserStore } from '@openactes/persistence';
import { createWorker } from '@openactes/worker';
import type { DataSource } from 'typeorm';

export const TEST_PLATFORM_TOKEN = 'test-platform-token-0123456789';

/** Configuration for one test file: the shared servers, its own task queue. */
export function testConfig(env: Record<string, string> = {}): AppConfig {
  const { TEST_DATABASE_URL, TEST_TEMPORAL_ADDRESS } = process.env;
  if (!TEST_DATABASE_URL || !TEST_TEMPORAL_ADDRESS) throw new Error('Integration tests need the global setup (jest --selectProjects integration)');
  return loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: TEST_DATABASE_URL,
    TEMPORAL_ADDRESS: TEST_TEMPORAL_ADDRESS,
    TEMPORAL_TASK_QUEUE: `test-${randomUUID()}`,
    DEV_PLATFORM_TOKEN: TEST_PLATFORM_TOKEN,
    DB_MIGRATE_ON_BOOT: 'false',
    WORKER_SHUTDOWN_GRACE_MS: '500',
    ...env,
  });
}

export interface RunningWorker {
  worker: Worker;
  stop(): Promise<void>;
}

export async function startWorker(
  config: AppConfig,
  dataSource: DataSource,
  decorateActivities?: (a: ActActivities) => ActActivities,
): Promise<RunningWorker> {
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const worker = await createWorker({
    config,
    dataSource,
    connection,
    workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! },
    decorateActivities,
  });
  const running = worker.run();
  let stopped: Promise<void> | undefined;
  return {
    worker,
    stop: async () => {
      if (stopped) return stopped;
      stopped = (async () => {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running;
        await connection.close();
      })();
      return stopped;
    },
  };
}

export interface RunningGateway {
  app: INestApplication;
  baseUrl: string;
  stop(): Promise<void>;
}

export async function startGateway(config: AppConfig): Promise<RunningGateway> {
  const app = await createGatewayApp(config, { logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, baseUrl: `http://127.0.0.1:${port}`, stop: () => app.close() };
}

export async function openStores(config: AppConfig) {
  const dataSource = await createDataSource(config.databaseUrl, { poolSize: 4 }).initialize();
  const audit = new AuditLog(dataSource);
  return { dataSource, audit, acts: new ActStore(dataSource, audit), payloads: new PayloadStore(dataSource) };
}

/** Polls until the value satisfies the predicate; never a fixed sleep. */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!accept(value)) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

export function postArchive(baseUrl: string, data: Buffer, token: string | null = TEST_PLATFORM_TOKEN): Promise<Response> {
  return fetch(`${baseUrl}/api/v1/transmissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/gzip', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: data,
  });
}

/** A valid SIRET for a test SIREN (NIC 0001x, Luhn). */
export function testSiret(siren: string): string {
  for (let n = 0; n < 10; n++) if (siretIsValid(`${siren}0001${n}`)) return `${siren}0001${n}`;
  throw new Error(`No NIC 0001x gives a valid SIRET for ${siren}`);
}

/**
 * Registers collectivities with their SIRET, as an administrator does: SCDL
 * rows need it (without it they are held back). Demo communes keep their own.
 */
export async function registerCollectivities(dataSource: DataSource, sirens: readonly string[] = DEMO_COLLECTIVITIES.map((c) => c.siren)): Promise<void> {
  const tenants = new TenantStore(dataSource, new AuditLog(dataSource));
  for (const siren of sirens) {
    const demo = DEMO_COLLECTIVITIES.find((c) => c.siren === siren);
    await tenants.upsertCollectivity({ siren, name: demo?.name ?? `Commune ${siren}`, siret: demo?.siret ?? testSiret(siren) }, 'test');
  }
}

export interface LoggedIn {
  cookie: string;
  csrfToken: string;
  userId: string;
  username: string;
}

/** Creates a console account (admin, reviewer or clerk of `sirens`) and logs it in through the API. */
export async function loginAs(baseUrl: string, dataSource: DataSource, role: 'admin' | 'reviewer' | 'clerk', sirens: string[] = []): Promise<LoggedIn> {
  const username = `${role}-${randomUUID().slice(0, 8)}`;
  const password = `pw-${randomUUID()}`;
  const users = new UserStore(dataSource, new AuditLog(dataSource));
  const user = await users.create({ username, role, sirens, password, displayName: `Test ${role}` }, 'test');
  const res = await fetch(`${baseUrl}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  const cookie = /oa_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error('login answered no session cookie');
  return { cookie, csrfToken: body.csrfToken, userId: user.id, username };
}

/** Headers of a console request of that user (the CSRF token too: harmless on reads). */
export function sessionHeaders(session: LoggedIn, extra: Record<string, string> = {}): Record<string, string> {
  return { cookie: session.cookie, 'x-csrf-token': session.csrfToken, ...extra };
}
