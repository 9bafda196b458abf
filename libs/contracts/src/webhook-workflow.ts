/** What a reuser's webhook receives when a dataset gets a new version (the JSON body of the POST). */
export interface DatasetVersionPublishedEvent {
  /** Unique per event; sent as X-OpenActes-Delivery, so subscribers can drop a redelivery. */
  id: string;
  type: 'dataset.version_published';
  datasetId: string;
  version: number;
  /** ISO 8601 */
  createdAt: string;
  added: number;
  removed: number;
  /** Download URLs of the version, by format (`csv`, `json`). */
  urls: Record<string, string>;
}

export type WebhookEvent = DatasetVersionPublishedEvent;

/** Backoff between delivery attempts; every field overridable (tests use milliseconds). */
export interface WebhookRetryOptions {
  initialIntervalMs?: number;
  backoffCoefficient?: number;
  maximumIntervalMs?: number;
  maximumAttempts?: number;
}

/** Defaults: 10 s, doubling, at most 1 h apart, 12 attempts (about 10 hours in all). */
export const WEBHOOK_RETRY_DEFAULTS: Required<WebhookRetryOptions> = {
  initialIntervalMs: 10_000,
  backoffCoefficient: 2,
  maximumIntervalMs: 3_600_000,
  maximumAttempts: 12,
};

export interface DeliverWebhookInput {
  subscriptionId: string;
  event: WebhookEvent;
  retry?: WebhookRetryOptions;
}

/**
 * delivered: a 2xx answer; unsubscribed: 410 Gone, the subscription is now inactive;
 * inactive: the subscription was deleted or deactivated before the delivery, nothing sent.
 */
export type WebhookDeliveryOutcome = 'delivered' | 'unsubscribed' | 'inactive';

export interface DeliverWebhookResult {
  subscriptionId: string;
  eventId: string;
  outcome: WebhookDeliveryOutcome;
  /** Attempts made (1 when the first one went through); 0 when nothing was sent. */
  attempts: number;
  httpStatus: number | null;
}

/** One delivery workflow per subscriber and event: a re-sent event never reaches a subscriber twice. */
export function webhookDeliveryWorkflowId(subscriptionId: string, eventId: string): string {
  return `webhook-${subscriptionId}-${eventId}`;
}

export interface DeliverWebhookActivityInput {
  subscriptionId: string;
  event: WebhookEvent;
  /** So the last attempt is logged 'failed' rather than 'retrying'. */
  maximumAttempts: number;
}

/**
 * Side effects of webhook delivery. Implemented in `@openactes/activities`;
 * workflows see them only as this type.
 */
export interface WebhookActivities {
  /** POSTs the signed event once; a non-2xx answer (but 410) or no answer throws a retryable failure. Logs the attempt. */
  deliverWebhook(input: DeliverWebhookActivityInput): Promise<DeliverWebhookResult>;
  /** Active subscriptions for this dataset and for every dataset ('*'). */
  listWebhookSubscribers(input: { datasetId: string }): Promise<string[]>;
}
