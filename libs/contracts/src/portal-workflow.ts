/** Portal failures that no retry will cure: what we send is refused, our key is, or the dataset is gone or locked. */
export const PORTAL_NON_RETRYABLE_CODES = ['PORTAL_REJECTED', 'PORTAL_AUTH_FAILED', 'PORTAL_NOT_FOUND', 'PORTAL_LOCKED'] as const;

/** Retry policy of one publication to one portal; tests shorten the intervals. */
export interface PortalRetryTiming {
  initialIntervalMs: number;
  backoffCoefficient: number;
  maximumIntervalMs: number;
  maximumAttempts: number;
}

/** 5 s, doubling up to 5 min, 10 attempts: about 25 minutes of portal outage absorbed. */
export const DEFAULT_PORTAL_RETRY: PortalRetryTiming = { initialIntervalMs: 5_000, backoffCoefficient: 2, maximumIntervalMs: 300_000, maximumAttempts: 10 };

export interface PublishDatasetVersionInput {
  datasetId: string;
  /** The collectivity of the dataset; null for a consolidated dataset (published only by the syndicate's own portals). */
  siren: string | null;
  version: number;
  retry?: Partial<PortalRetryTiming>;
}

export interface PortalPublicationOutcome {
  portalId: string;
  status: 'published' | 'failed';
  /** The code of the last failure, when failed. */
  code?: string;
}

export interface PublishDatasetVersionResult {
  datasetId: string;
  version: number;
  portals: PortalPublicationOutcome[];
}

/** One child workflow per dataset version. */
export function publishDatasetVersionWorkflowId(datasetId: string, version: number): string {
  return `portal-publish-${datasetId}-v${version}`;
}

export interface ListPortalTargetsInput {
  datasetId: string;
  siren: string | null;
}

export interface PortalTargetRef {
  portalId: string;
  name: string;
  kind: 'udata' | 'ckan';
}

export interface PublishVersionToPortalInput {
  portalId: string;
  datasetId: string;
  version: number;
}

export interface PortalVersionPublished {
  portalId: string;
  remoteDatasetId: string;
  remoteUrl: string;
  /** Resource key (csv, json) → the portal's resource id. */
  resources: Record<string, string>;
  /** The portal already had this version or a later one: nothing was sent. */
  skipped: boolean;
}

/**
 * Side effects of publishing to open data portals. Implemented in
 * `@openactes/activities`; workflows see them only as this type.
 */
export interface PortalActivities {
  listPortalTargets(input: ListPortalTargetsInput): Promise<PortalTargetRef[]>;
  /** Creates or updates the dataset on the portal by its stored remote ids; records the outcome either way. */
  publishVersionToPortal(input: PublishVersionToPortalInput): Promise<PortalVersionPublished>;
}
