import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import { WEBHOOK_RETRY_DEFAULTS, type DeliverWebhookInput, type DeliverWebhookResult, type WebhookActivities } from '@openactes/contracts';

/**
 * Delivers one event to one subscriber, retrying with backoff (by default 10 s,
 * doubling, at most 1 h apart, 12 attempts). The activity logs every attempt;
 * when the last one fails, the workflow fails with WEBHOOK_DELIVERY_FAILED,
 * visible in Temporal and in the subscriber's delivery log.
 */
export async function deliverWebhookWorkflow({ subscriptionId, event, retry }: DeliverWebhookInput): Promise<DeliverWebhookResult> {
  const policy = { ...WEBHOOK_RETRY_DEFAULTS, ...retry };
  const { deliverWebhook } = proxyActivities<WebhookActivities>({
    // The POST times out after 10 s; the rest is two short database writes.
    startToCloseTimeout: '30 seconds',
    retry: {
      initialInterval: policy.initialIntervalMs,
      backoffCoefficient: policy.backoffCoefficient,
      maximumInterval: policy.maximumIntervalMs,
      maximumAttempts: policy.maximumAttempts,
    },
  });
  try {
    return await deliverWebhook({ subscriptionId, event, maximumAttempts: policy.maximumAttempts });
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    throw ApplicationFailure.create({
      type: 'WEBHOOK_DELIVERY_FAILED',
      message: `Event ${event.id} could not be delivered to webhook ${subscriptionId} in ${policy.maximumAttempts} attempts`,
      nonRetryable: true,
      cause: err,
    });
  }
}
