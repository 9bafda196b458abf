/**
 * Starts, once per test run, the real servers the integration tests talk to:
 * a throw-away embedded PostgreSQL (migrated) and the Temporal dev server from
 * the provisioned CLI. Addresses reach the test files through the environment.
 */
import { ensureConsoleBuilt } from '../../infra/src/console-build';
import { startThrowawayStack } from '../../infra/src/throwaway-stack';

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  // The gateway serves the built console (e2e tests drive it): build it when missing or stale.
  ensureConsoleBuilt((l) => console.log(`[test setup] ${l}`));
  const stack = await startThrowawayStack({ prefix: 'openactes-test-', database: 'openactes_test', log: (l) => console.log(`[test setup] ${l}`) });
  Object.assign(process.env, {
    TEST_DATABASE_URL: stack.databaseUrl,
    TEST_TEMPORAL_ADDRESS: stack.temporalAddress,
    TEST_WORKFLOW_BUNDLE: stack.workflowBundlePath,
    TEST_TMP_DIR: stack.tmp,
  });
  (globalThis as Record<string, unknown>).__OPENACTES_TEST_STACK__ = stack;
  console.log(`\n[test setup] PostgreSQL and Temporal (${stack.cliVersion}) ready in ${Date.now() - started} ms`);
}
