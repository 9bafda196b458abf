import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { portIsFree } from './local-postgres';

export interface DevServer {
  address: string;
  uiUrl: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  cliPath: string;
  /** SQLite file that keeps workflows across restarts. */
  dbFile: string;
  port: number;
  uiPort: number;
  namespace: string;
  log?: (line: string) => void;
  startTimeoutMs?: number;
}

/** `temporal server start-dev` on a persistent SQLite file, as a child process. */
export async function startTemporalDevServer(opts: DevServerOptions): Promise<DevServer> {
  for (const port of [opts.port, opts.uiPort]) {
    if (!(await portIsFree(port))) {
      throw new Error(`Temporal port ${port} is already in use: set TEMPORAL_PORT / TEMPORAL_UI_PORT, or TEMPORAL_ADDRESS to use a running server`);
    }
  }
  fs.mkdirSync(path.dirname(opts.dbFile), { recursive: true });
  const child = spawn(
    opts.cliPath,
    ['server', 'start-dev', '--db-filename', opts.dbFile, '--ip', '127.0.0.1', '--port', String(opts.port),
      '--ui-port', String(opts.uiPort), '--namespace', opts.namespace, '--log-level', 'warn', '--log-format', 'json'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const log = opts.log ?? (() => {});
  child.stdout?.on('data', (d: Buffer) => log(d.toString().trim()));
  child.stderr?.on('data', (d: Buffer) => log(d.toString().trim()));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`temporal server start-dev exited with code ${code}`))),
  );
  exited.catch(() => {});
  const address = `127.0.0.1:${opts.port}`;
  await Promise.race([waitForTemporal(address, opts.startTimeoutMs ?? 30_000), exited]);
  return {
    address,
    uiUrl: `http://127.0.0.1:${opts.uiPort}`,
    process: child,
    stop: () => stopChild(child),
  };
}

/** Resolves once the frontend answers a health check. */
export async function waitForTemporal(address: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.healthService.check({});
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`Temporal at ${address} did not answer within ${timeoutMs} ms: ${String(lastError)}`);
}

export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
