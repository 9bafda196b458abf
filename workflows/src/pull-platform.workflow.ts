import {
  ApplicationFailure,
  continueAsNew,
  isCancellation,
  ParentClosePolicy,
  proxyActivities,
  startChild,
  workflowInfo,
  WorkflowIdReusePolicy,
} from '@temporalio/workflow';
import type { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  actWorkflowId,
  type ProcessActInput,
  type PullActivities,
  type PullPlatformInput,
  type PullPlatformResult,
  type PullTotals,
} from '@openactes/contracts';
import { describeFailure } from './describe-failure';
import type { processActWorkflow } from './process-act.workflow';

/** Failures of one transaction that must not stop the others: the next run tries it again. */
const TRANSACTION_FAILURES = ['PLATFORM_BAD_RESPONSE', 'NOT_FOUND'];

/** Calls to the platform's API: retried with backoff while it is down; refused credentials or nonsense answers are final. */
const platformIo = proxyActivities<PullActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '2 minutes',
    maximumAttempts: 10,
    nonRetryableErrorTypes: ['PLATFORM_AUTH_FAILED', 'PLATFORM_BAD_RESPONSE', 'NOT_FOUND', 'VALIDATION_FAILED'],
  },
});

/** Short database steps. */
const db = proxyActivities<PullActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 8 },
});

/** Keeps the history short: a new run (same workflow ID) takes over after this many transactions. */
const CONTINUE_AS_NEW_AFTER = 200;

const NO_TOTALS: PullTotals = { listed: 0, imported: 0, rejected: 0, failed: 0, actsStarted: 0, lastFailure: null };

/**
 * Harvests a platform's acknowledged acts: pages through its list, imports each
 * transaction not yet in the ledger, then starts the workflow of each new act.
 * Resumable (the ledger and continue-as-new carry the progress); fails visibly,
 * with the code, when the platform refuses our credentials or stays down.
 */
export async function pullPlatformWorkflow(input: PullPlatformInput): Promise<PullPlatformResult> {
  const { platformId } = input;
  const totals: PullTotals = { ...NO_TOTALS, ...input.totals };
  let offset = input.offset ?? 0;
  let handled = 0;
  let resumeAt: number | null = null;
  try {
    while (resumeAt === null) {
      const page = await platformIo.listPlatformTransactions({ platformId, offset });
      if (!page.enabled) return { platformId, ...totals, disabled: true };
      totals.listed += page.listed;
      for (const remoteId of page.remoteIds) {
        await importTransaction(platformId, remoteId, totals);
        handled += 1;
      }
      if (!page.hasMore) break;
      offset = page.nextOffset;
      if (handled >= CONTINUE_AS_NEW_AFTER || workflowInfo().continueAsNewSuggested) resumeAt = offset;
    }
  } catch (err) {
    if (isCancellation(err)) throw err;
    const error = describeFailure(err);
    await db.recordPullRun({ platformId, error, totals });
    throw ApplicationFailure.create({ type: error.code, message: error.message, nonRetryable: true, cause: err instanceof Error ? err : undefined });
  }
  if (resumeAt !== null) return continueAsNew<typeof pullPlatformWorkflow>({ platformId, offset: resumeAt, totals });
  const { lastFailure } = totals;
  const error = lastFailure && { code: lastFailure.code, message: `${totals.failed} transaction(s) could not be pulled; last: ${lastFailure.remoteId}: ${lastFailure.message}` };
  await db.recordPullRun({ platformId, error, totals });
  return { platformId, ...totals, disabled: false };
}

async function importTransaction(platformId: string, remoteId: string, totals: PullTotals): Promise<void> {
  try {
    const imported = await platformIo.importPlatformTransaction({ platformId, remoteId });
    if (imported.outcome === 'imported') totals.imported += 1;
    if (imported.outcome === 'rejected') totals.rejected += 1;
    for (const act of imported.acts) if (await startActWorkflow(act)) totals.actsStarted += 1;
  } catch (err) {
    const failure = describeFailure(err);
    if (!TRANSACTION_FAILURES.includes(failure.code)) throw err;
    totals.failed += 1;
    totals.lastFailure = { remoteId, ...failure };
  }
}

/** The act's own workflow, independent of this run; false when it already exists. */
async function startActWorkflow(act: ProcessActInput): Promise<boolean> {
  try {
    await startChild<typeof processActWorkflow>('processActWorkflow', {
      workflowId: actWorkflowId(act.actKey),
      args: [act],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    return true;
  } catch (err) {
    if (isAlreadyStarted(err)) return false;
    throw err;
  }
}

/** By name: @temporalio/workflow does not re-export this class, and workflow code takes only types from @temporalio/common. */
function isAlreadyStarted(err: unknown): err is WorkflowExecutionAlreadyStartedError {
  return err instanceof Error && err.name === 'WorkflowExecutionAlreadyStartedError';
}
