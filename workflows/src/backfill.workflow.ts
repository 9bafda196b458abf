import { executeChild, setHandler } from '@temporalio/workflow';
import { backfillChildWorkflowId, backfillProgressQuery, type BackfillInput, type BackfillProgress } from '@openactes/contracts';
import { processActWorkflow } from './process-act.workflow';

const DEFAULT_BATCH = 20;

/**
 * Runs the act pipeline again for a collectivity's acts of some years (failed ones
 * recover; published ones are left as they are by the pipeline's first step), as
 * child workflows in batches; `progress` tells how far it is.
 */
export async function backfillWorkflow(input: BackfillInput): Promise<BackfillProgress> {
  const progress: BackfillProgress = { total: input.acts.length, done: 0, failed: 0, status: 'running' };
  setHandler(backfillProgressQuery, () => progress);
  const batchSize = Math.max(1, input.batchSize ?? DEFAULT_BATCH);
  for (let i = 0; i < input.acts.length; i += batchSize) {
    await Promise.all(
      input.acts.slice(i, i + batchSize).map(async (act) => {
        try {
          const result = await executeChild(processActWorkflow, {
            workflowId: backfillChildWorkflowId(act, input.run),
            args: [{ actId: act.actId, actKey: act.actKey }],
          });
          if (result.status === 'failed') progress.failed++;
          else progress.done++;
        } catch {
          progress.failed++;
        }
      }),
    );
  }
  progress.status = 'completed';
  return progress;
}
