// Workflows for the webhook integration test only: startWebhookDeliveries is a
// helper for workflow code, so the test runs it inside a small wrapper workflow.
import type { WebhookEvent } from '@openactes/contracts';
import { startWebhookDeliveries } from '@openactes/workflows/src/webhook-deliveries';

export { deliverWebhookWorkflow } from '@openactes/workflows/src/deliver-webhook.workflow';

export async function startWebhookDeliveriesWorkflow(datasetId: string, event: WebhookEvent): Promise<number> {
  return startWebhookDeliveries(datasetId, event);
}
