import { proxyActivities } from '@temporalio/workflow';
import type { ProcessSubventionFileInput, ProcessSubventionFileResult, SubventionActivities } from '@openactes/contracts';
import { describeFailure } from './describe-failure';

/** Short database steps: retried quickly, then the file is marked failed (visible, retryable by an operator). */
const db = proxyActivities<SubventionActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 8 },
});

/**
 * Normalisation reads, repairs and validates every row of the file. A file
 * that turns out not to be a CSV is a coded, non-retryable failure
 * (INVALID_CSV): the file fails at once, visible, and the retry endpoint runs it again.
 */
const normalisation = proxyActivities<SubventionActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5 },
});

export async function processSubventionFileWorkflow(input: ProcessSubventionFileInput): Promise<ProcessSubventionFileResult> {
  const ref = { subventionFileId: input.subventionFileId };
  try {
    await db.startSubventionProcessing(ref);
    await normalisation.normaliseSubventionFile(ref);
    const { status } = await db.publishSubventionFile(ref);
    return { subventionFileId: input.subventionFileId, status };
  } catch (err) {
    const { code, message } = describeFailure(err);
    await db.failSubventionFile({ ...ref, code, message });
    return { subventionFileId: input.subventionFileId, status: 'failed', failureCode: code };
  }
}
