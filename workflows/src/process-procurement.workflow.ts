import { proxyActivities } from '@temporalio/workflow';
import type { ProcessProcurementInput, ProcessProcurementResult, ProcurementActivities } from '@openactes/contracts';
import { describeFailure } from './describe-failure';

/** Short database steps: retried quickly, then the file is marked failed (visible, retryable by an operator). */
const db = proxyActivities<ProcurementActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 8 },
});

/**
 * Normalisation reads and validates every record of the file. A file that
 * turns out unreadable is a coded, non-retryable failure (INVALID_DECP):
 * the file fails at once, visible, and the retry endpoint runs it again.
 */
const normalisation = proxyActivities<ProcurementActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5 },
});

export async function processProcurementWorkflow(input: ProcessProcurementInput): Promise<ProcessProcurementResult> {
  const ref = { procurementId: input.procurementId };
  try {
    await db.startProcurementProcessing(ref);
    await normalisation.normaliseProcurement(ref);
    const { status } = await db.publishProcurement(ref);
    return { procurementId: input.procurementId, status };
  } catch (err) {
    const { code, message } = describeFailure(err);
    await db.failProcurement({ ...ref, code, message });
    return { procurementId: input.procurementId, status: 'failed', failureCode: code };
  }
}
