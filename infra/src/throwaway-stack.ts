import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflows } from '@openactes/worker';
import { createDataSource, runMigrations } from '@openactes/persistence';
import { freePort, startLocalPostgres } from './local-postgres';
import { NO_TEMPORAL_CLI_HELP, provisionTemporalCli } from './temporal-cli';

export interface ThrowawayStack {
  /** Removed with everything in it by stop(). */
  tmp: string;
  databaseUrl: string;
  temporalAddress: string;
  /** The workflow bundle, built once, for workers started against this stack. */
  workflowBundlePath: string;
  cliVersion: string;
  stop(): Promise<void>;
}

/**
 * A migrated embedded PostgreSQL and a Temporal dev server from the provisioned
 * CLI, on free ports under a temporary folder: for test runs and benchmarks,
 * gone (processes and files) after stop().
 */
export async function startThrowawayStack({ prefix, database, log }: { prefix: string; database: string; log: (line: string) => void }): Promise<ThrowawayStack> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(tmp, 0o755); // the embedded server runs as the postgres user when we are root
  const stops: (() => Promise<void>)[] = [() => Promise.resolve(fs.rmSync(tmp, { recursive: true, force: true }))];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch((e: unknown) => log(`stop failed: ${String(e)}`));
  };
  try {
    const cli = provisionTemporalCli(log);
    if (!cli) throw new Error(NO_TEMPORAL_CLI_HELP);
    const [pg, temporalPort] = await Promise.all([
      startLocalPostgres({ dir: path.join(tmp, 'postgres'), port: await freePort(), database, ephemeral: true }),
      freePort(),
    ]);
    stops.push(() => pg.stop());
    const temporal = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'existing-path', path: cli.path },
        ip: '127.0.0.1',
        port: temporalPort,
        extraArgs: ['--log-level', 'error'],
      },
    });
    stops.push(() => temporal.teardown());

    const dataSource = await createDataSource(pg.url).initialize();
    await runMigrations(dataSource);
    await dataSource.destroy();

    const workflowBundlePath = path.join(tmp, 'workflow-bundle.js');
    fs.writeFileSync(workflowBundlePath, (await bundleWorkflows()).code);
    return { tmp, databaseUrl: pg.url, temporalAddress: `127.0.0.1:${temporalPort}`, workflowBundlePath, cliVersion: cli.version, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
