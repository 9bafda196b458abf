import { Context } from '@temporalio/activity';
import { signWebhook } from '@openactes/catalogue';
import type { DeliverWebhookResult, WebhookActivities } from '@openactes/contracts';
import { CodedError } from '@openactes/domain';
import type { WebhookStore } from '@openactes/persistence';
import { toActivityFailure } from './failures';

export interface WebhookActivityDeps {
  webhooks: WebhookStore;
  /** How long a subscriber has to answer; default 10 s. */
  timeoutMs?: number;
}

/**
 * Delivers reusers' webhooks: one signed POST per attempt, every attempt in the
 * delivery log. Anything but a 2xx is a retryable failure (the workflow's policy
 * spaces the retries); 410 Gone means the subscriber unsubscribed: final.
 * Delivery is at least once: a subscriber deduplicates on X-OpenActes-Delivery.
 */
export function createWebhookActivities({ webhooks, timeoutMs = 10_000 }: WebhookActivityDeps): WebhookActivities {
  return {
    async deliverWebhook({ subscriptionId, event, maximumAttempts }): Promise<DeliverWebhookResult> {
      try {
        const result = (outcome: DeliverWebhookResult['outcome'], attempts: number, httpStatus: number | null): DeliverWebhookResult => ({
          subscriptionId,
          eventId: event.id,
          outcome,
          attempts,
          httpStatus,
        });
        const target = await webhooks.target(subscriptionId);
        if (!target?.active) return result('inactive', 0, null);

        const { attempt } = Context.current().info;
        const body = JSON.stringify(event);
        const started = performance.now();
        const { httpStatus, error } = await post(target.url, body, {
          'Content-Type': 'application/json',
          'User-Agent': 'OpenActes-Webhooks/1',
          'X-OpenActes-Event': event.type,
          'X-OpenActes-Delivery': event.id,
          'X-OpenActes-Signature': signWebhook(target.secret, Math.floor(Date.now() / 1000), body),
        }, AbortSignal.any([AbortSignal.timeout(timeoutMs), Context.current().cancellationSignal]), timeoutMs);
        const log = (status: 'delivered' | 'failed' | 'retrying', message: string | null) =>
          webhooks.recordDelivery({
            subscriptionId, eventId: event.id, datasetId: event.datasetId, version: event.version, attempt,
            status, httpStatus, error: message, durationMs: performance.now() - started,
          });

        if (httpStatus !== null && httpStatus >= 200 && httpStatus < 300) {
          await log('delivered', null);
          return result('delivered', attempt, httpStatus);
        }
        if (httpStatus === 410) {
          await log('failed', 'HTTP 410 Gone: the subscriber unsubscribed; subscription deactivated');
          await webhooks.deactivate(subscriptionId, 'gone');
          return result('unsubscribed', attempt, httpStatus);
        }
        const message = error ?? `HTTP ${httpStatus}`;
        await log(attempt >= maximumAttempts ? 'failed' : 'retrying', message);
        throw new CodedError('WEBHOOK_DELIVERY_FAILED', `Webhook ${subscriptionId}, attempt ${attempt}: ${message}`, {
          subscriptionId, eventId: event.id, attempt, httpStatus,
        });
      } catch (err) {
        throw toActivityFailure(err);
      }
    },

    async listWebhookSubscribers({ datasetId }) {
      return webhooks.activeSubscribers(datasetId);
    },
  };
}

/** One POST; never follows redirects (a 3xx is a failed attempt) and never reads the answer's body. */
async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<{ httpStatus: number | null; error: string | null }> {
  try {
    const res = await fetch(url, { method: 'POST', headers, body, signal, redirect: 'manual' });
    await res.body?.cancel().catch(() => undefined);
    return { httpStatus: res.status, error: null };
  } catch (err) {
    if (err instanceof Error && err.name === 'TimeoutError') return { httpStatus: null, error: `no answer within ${timeoutMs} ms` };
    if (Context.current().cancellationSignal.aborted) throw err;
    // The network cause (ECONNREFUSED, ENOTFOUND…), not the URL: it may carry the subscriber's own tokens.
    const cause = err instanceof Error && err.cause instanceof Error ? ((err.cause as NodeJS.ErrnoException).code ?? err.cause.name) : null;
    return { httpStatus: null, error: `request failed${cause ? `: ${cause}` : ''}` };
  }
}
