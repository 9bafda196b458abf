/**
 * Starts, once per test run, the real servers the integration tests talk to:
 * a throw-away embedded PostgreSQL (migrated) and the Temporal dev server from
 * the provisioned CLI. Addresses reach the test files through the environment.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflows } from '@openactes/worker';
import { createDataSource, runMigrations } from '@openactes/persistence';
import { freePort, startLocalPostgres } from '../../infra/src/local-postgres';
import { NO_TEMPORAL_CLI_HELP, provisionTemporalCli } from '../../infra/src/temporal-cli';

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'openactes-test-'));
  fs.chmodSync(tmp, 0o755); // the embedded server runs as the postgres user when we are root
  const cli = provisionTemporalCli((l) => console.log(`[test setup] ${l}`));
  if (!cli) throw new Error(NO_TEMPORAL_CLI_HELP);

  const [pg, temporalPort] = await Promise.all([
    startLocalPostgres({ dir: path.join(tmp, 'postgres'), port: await freePort(), database: 'openactes_test', ephemeral: true }),
    freePort(),
  ]);
  const temporal = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: cli.path },
      ip: '127.0.0.1',
      port: temporalPort,
      extraArgs: ['--log-level', 'error'],
    },
  });

  const dataSource = await createDataSource(pg.url).initialize();
  await runMigrations(dataSource);
  await dataSource.destroy();

  const bundlePath = path.join(tmp, 'workflow-bundle.js');
  fs.writeFileSync(bundlePath, (await bundleWorkflows()).code);

  Object.assign(process.env, {
    TEST_DATABASE_URL: pg.url,
    TEST_TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    TEST_WORKFLOW_BUNDLE: bundlePath,
    TEST_TMP_DIR: tmp,
  });
  (globalThis as Record<string, unknown>).__OPENACTES_TEST_STACK__ = { pg, temporal, tmp };
  console.log(`\n[test setup] PostgreSQL and Temporal (${cli.version}) ready in ${Date.now() - started} ms`);
}
