import type { ThrowawayStack } from '../../infra/src/throwaway-stack';

export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as Record<string, unknown>).__OPENACTES_TEST_STACK__ as ThrowawayStack | undefined;
  await stack?.stop();
}
