import { condition, continueAsNew, ParentClosePolicy, proxyActivities, setHandler, sleep, startChild, workflowInfo } from '@temporalio/workflow';
import { datasetChangedSignal, publishDatasetVersionWorkflowId, type DatasetActivities, type PublishDatasetInput } from '@openactes/contracts';
import { publishDatasetVersionWorkflow } from './publish-dataset-version.workflow';
import { startWebhookDeliveries } from './webhook-deliveries';

/** Regeneration reads every source row of the dataset: minutes on the largest ones. */
const generation = proxyActivities<DatasetActivities>({
  startToCloseTimeout: '30 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** Well below Temporal's limits: a long-lived workflow starts afresh before its history grows large. */
const HISTORY_LIMIT = 2_000;

/**
 * One per dataset, for as long as the platform runs. Changes arrive as
 * signals; a burst of them yields one regeneration once no change came for
 * `debounceMs`, or at most `maxDelayMs` after the first pending one.
 */
export async function publishDatasetWorkflow(input: PublishDatasetInput): Promise<void> {
  let pending = input.pendingChanges ?? 0;
  let firstPendingAt = pending > 0 ? Date.now() : 0;
  let lastChangeAt = firstPendingAt;
  setHandler(datasetChangedSignal, () => {
    if (pending === 0) firstPendingAt = Date.now();
    pending += 1;
    lastChangeAt = Date.now();
  });

  for (;;) {
    await condition(() => pending > 0);
    for (;;) {
      const wait = Math.min(lastChangeAt + input.debounceMs, firstPendingAt + input.maxDelayMs) - Date.now();
      if (wait <= 0) break;
      await sleep(wait);
    }
    const changes = pending;
    pending = 0;
    const created = await generation.regenerateDataset({ datasetId: input.datasetId, changes });
    if (created) {
      // Portals may be down for long: their publication runs on its own, and a later version supersedes an earlier one there.
      await startChild(publishDatasetVersionWorkflow, {
        workflowId: publishDatasetVersionWorkflowId(created.datasetId, created.version),
        args: [{ datasetId: created.datasetId, siren: created.siren, version: created.version, retry: input.portalRetry }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
      const { datasetId, version, createdAt, added, removed, urls } = created;
      await startWebhookDeliveries(datasetId, { id: `${datasetId}-v${version}`, type: 'dataset.version_published', datasetId, version, createdAt, added, removed, urls });
    }
    if (workflowInfo().historyLength > (input.historyLimit ?? HISTORY_LIMIT) || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof publishDatasetWorkflow>({ ...input, pendingChanges: pending });
    }
  }
}
