import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { CodedError } from '@openactes/domain';

/** Temporal down: the client would retry for about 20 s; the sender gets its 503 (send it again) within seconds instead. */
const START_DEADLINE_MS = 5_000;

/**
 * Starts the one workflow of a stored subject, or joins it when it runs
 * already. What failed to start is answered 503 SERVICE_UNAVAILABLE: the
 * payload is kept, and sending it again resumes.
 */
export async function startOrJoin(
  temporal: Client,
  workflowType: string,
  options: { workflowId: string; taskQueue: string; args: unknown[] },
  unavailable: { message: string; details: Record<string, unknown> },
): Promise<void> {
  try {
    await temporal.withDeadline(Date.now() + START_DEADLINE_MS, () =>
      temporal.workflow.start(workflowType, { ...options, workflowIdConflictPolicy: 'USE_EXISTING' }),
    );
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return;
    throw new CodedError('SERVICE_UNAVAILABLE', unavailable.message, unavailable.details);
  }
}
