import fs from 'node:fs';
import type { TestWorkflowEnvironment } from '@temporalio/testing';

interface TestStack {
  pg: { stop(): Promise<void> };
  temporal: TestWorkflowEnvironment;
  tmp: string;
}

export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as Record<string, unknown>).__OPENACTES_TEST_STACK__ as TestStack | undefined;
  if (!stack) return;
  await stack.temporal.teardown();
  await stack.pg.stop();
  fs.rmSync(stack.tmp, { recursive: true, force: true });
}
