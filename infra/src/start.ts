/**
 * `npm start`: the whole system on one machine, with its embedded defaults —
 * PostgreSQL, the Temporal dev server, the worker and the gateway — then a demo.
 * Ctrl-C stops everything cleanly.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import exitHook from 'async-exit-hook';
import { ensureConsoleBuilt } from './console-build';
import { sendDemo } from './demo';
import { startLocalStack, type LocalStack } from './local-stack';
import { dataDir } from './paths';
import { startNodeApp, waitForHttp } from './processes';
import { stopChild } from './temporal-dev-server';

const log = (line: string) => console.log(`[start] ${line}`);

async function main(): Promise<void> {
  const dir = dataDir();
  const port = Number(process.env.PORT ?? 3000);
  const baseUrl = `http://localhost:${port}`;
  const children: ChildProcess[] = [];
  let stack: LocalStack | undefined;
  let stopping = false;

  const stopAll = async () => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    await Promise.all(children.map((c) => stopChild(c)));
    await stack?.stop();
    log('stopped');
  };
  const shutdown = async (code: number) => {
    await stopAll();
    process.exit(code);
  };
  // The embedded PostgreSQL package exits the process on SIGINT/SIGTERM once its
  // exit hooks are done: ours is one of them, so the apps stop before the process ends.
  exitHook((done) => void stopAll().finally(done));

  try {
    ensureConsoleBuilt(log);
    stack = await startLocalStack({
      dataDir: dir,
      pgPort: Number(process.env.PG_PORT ?? 54329),
      temporalPort: Number(process.env.TEMPORAL_PORT ?? 7233),
      temporalUiPort: Number(process.env.TEMPORAL_UI_PORT ?? 8233),
      namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
      log,
    });
    const token = devToken(dir);
    const env: NodeJS.ProcessEnv = {
      DATABASE_URL: stack.databaseUrl,
      TEMPORAL_ADDRESS: stack.temporalAddress,
      TEMPORAL_UI_URL: stack.temporalUiUrl ?? '',
      PORT: String(port),
      DEV_PLATFORM_TOKEN: token,
    };
    const onExit = (name: string) => (code: number | null) => {
      if (!stopping) {
        log(`${name} exited (code ${code}); stopping the rest`);
        void shutdown(1);
      }
    };
    const gateway = startNodeApp('gateway', 'apps/gateway/src/main.ts', env, withoutStartupNoise);
    gateway.once('exit', onExit('gateway'));
    children.push(gateway);
    await waitForHttp(`${baseUrl}/health`, 60_000);
    const worker = startNodeApp('worker', 'apps/worker/src/main.ts', env, console.log);
    worker.once('exit', onExit('worker'));
    children.push(worker);

    console.log(
      [
        '',
        '  Open Actes is running',
        `    API            ${baseUrl}/api/v1`,
        `    API docs       ${baseUrl}/api/docs`,
        `    Console        ${baseUrl}/console/`,
        `    Health         ${baseUrl}/health`,
        `    Dataset        ${baseUrl}/api/v1/datasets/deliberations.csv`,
        `    Temporal UI    ${stack.temporalUiUrl ?? '(external cluster)'}`,
        `    Platform token ${token}  (DEV_PLATFORM_TOKEN, development only)`,
        `    Data dir       ${dir}`,
        '  Ctrl-C stops everything.',
        '',
      ].join('\n'),
    );

    if (process.env.DEMO !== '0') await sendDemo({ baseUrl, databaseUrl: stack.databaseUrl, token, dataDir: dir, log });
  } catch (err) {
    console.error(`[start] ${err instanceof Error ? err.message : String(err)}`);
    await shutdown(1);
  }
}

/** Nest's start-up lines (one per module and route) would bury the URLs and the demo. */
function withoutStartupNoise(line: string): void {
  if (!/\[(InstanceLoader|RoutesResolver|RouterExplorer|NestFactory)\]/.test(line)) console.log(line);
}

/** DEV_PLATFORM_TOKEN, or one generated once and kept in the data dir. */
function devToken(dir: string): string {
  if (process.env.DEV_PLATFORM_TOKEN) return process.env.DEV_PLATFORM_TOKEN;
  const file = path.join(dir, 'dev-platform-token');
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

void main();
