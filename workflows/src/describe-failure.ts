import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';

/** The code and message of a failed activity, as its ApplicationFailure typed them. */
export function describeFailure(err: unknown): { code: string; message: string } {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure) return { code: cause.type ?? 'ACTIVITY_FAILED', message: cause.message };
  return { code: 'ACTIVITY_FAILED', message: cause instanceof Error ? cause.message : 'The step failed' };
}
