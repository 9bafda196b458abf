import { proxyActivities } from '@temporalio/workflow';
import {
  DEFAULT_PORTAL_RETRY,
  PORTAL_NON_RETRYABLE_CODES,
  type PortalActivities,
  type PortalPublicationOutcome,
  type PublishDatasetVersionInput,
  type PublishDatasetVersionResult,
} from '@openactes/contracts';
import { describeFailure } from './describe-failure';

/** Reading the targets is a database query: retried quickly. */
const db = proxyActivities<PortalActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 8 },
});

/**
 * Publishes one dataset version to every portal that takes it, in parallel.
 * A portal that is down is retried on its own schedule (5 s doubling to 5 min,
 * 10 attempts); one that refuses us fails at once. One portal failing never
 * stops the others: the result says, per portal, published or failed with its code.
 */
export async function publishDatasetVersionWorkflow(input: PublishDatasetVersionInput): Promise<PublishDatasetVersionResult> {
  const { datasetId, siren, version } = input;
  const timing = { ...DEFAULT_PORTAL_RETRY, ...input.retry };
  const portal = proxyActivities<PortalActivities>({
    // Uploads of large files go through many calls, each with its own HTTP timeout.
    startToCloseTimeout: '30 minutes',
    retry: {
      initialInterval: timing.initialIntervalMs,
      backoffCoefficient: timing.backoffCoefficient,
      maximumInterval: timing.maximumIntervalMs,
      maximumAttempts: timing.maximumAttempts,
      nonRetryableErrorTypes: [...PORTAL_NON_RETRYABLE_CODES],
    },
  });

  const targets = await db.listPortalTargets({ datasetId, siren });
  const portals = await Promise.all(
    targets.map(async ({ portalId }): Promise<PortalPublicationOutcome> => {
      try {
        await portal.publishVersionToPortal({ portalId, datasetId, version });
        return { portalId, status: 'published' };
      } catch (err) {
        return { portalId, status: 'failed', code: describeFailure(err).code };
      }
    }),
  );
  return { datasetId, version, portals };
}
