import { ParentClosePolicy, proxyActivities, startChild, WorkflowIdReusePolicy } from '@temporalio/workflow';
import { webhookDeliveryWorkflowId, type WebhookActivities, type WebhookEvent } from '@openactes/contracts';
import type { deliverWebhookWorkflow } from './deliver-webhook.workflow';

const db = proxyActivities<WebhookActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 8 },
});

/**
 * For workflow code (the dataset publication workflow, after each new version):
 * starts one deliverWebhookWorkflow per active subscriber of the dataset (and of '*'),
 * abandoned to live on its own, so a slow subscriber never holds the publication.
 * Returns how many were started; a delivery already started for this event is skipped.
 */
export async function startWebhookDeliveries(datasetId: string, event: WebhookEvent): Promise<number> {
  const subscriptionIds = await db.listWebhookSubscribers({ datasetId });
  let started = 0;
  for (const subscriptionId of subscriptionIds) {
    try {
      await startChild<typeof deliverWebhookWorkflow>('deliverWebhookWorkflow', {
        workflowId: webhookDeliveryWorkflowId(subscriptionId, event.id),
        args: [{ subscriptionId, event }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
      started += 1;
    } catch (err) {
      // By name: @temporalio/workflow does not re-export the class.
      if (!(err instanceof Error && err.name === 'WorkflowExecutionAlreadyStartedError')) throw err;
    }
  }
  return started;
}
