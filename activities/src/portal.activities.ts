import { Context } from '@temporalio/activity';
import type { ListPortalTargetsInput, PortalActivities, PortalVersionPublished, PublishVersionToPortalInput } from '@openactes/contracts';
import { isCodedError } from '@openactes/domain';
import type { AuditLog, PortalCredentials, PortalDatasetState, PortalStore } from '@openactes/persistence';
import { publisherFor as defaultPublisherFor, type PortalDatasetPublication, type Publisher, type PublisherOptions } from '@openactes/publishers';
import { auditedSteps } from './audited-step';

/** A sealed dataset version as the dataset builder gives it; its files are read again on every attempt. */
export interface PublishableDatasetVersion {
  datasetId: string;
  siren: string | null;
  type: string;
  title: string;
  description: string;
  tags: string[];
  schema: string | null;
  temporal: { start: string; end: string } | null;
  version: number;
  files: Array<{ key: 'csv' | 'json'; fileName: string; mediaType: string; byteSize: number; sha256: string; open(): NodeJS.ReadableStream }>;
}

export type LoadDatasetVersion = (datasetId: string, version: number) => Promise<PublishableDatasetVersion>;

export interface PortalActivityDeps {
  portals: PortalStore;
  audit: AuditLog;
  loadDatasetVersion: LoadDatasetVersion;
  /** Default: the udata or CKAN client for the portal's kind. */
  publisherFor?: (portal: PortalCredentials, options: PublisherOptions) => Publisher;
  publisherOptions?: PublisherOptions;
}

const ACTOR = 'system:worker';

export function createPortalActivities({
  portals,
  audit,
  loadDatasetVersion,
  publisherFor = (portal, options) => defaultPublisherFor(portal.kind, portal, options),
  publisherOptions = {},
}: PortalActivityDeps): PortalActivities {
  const step = auditedSteps(
    audit,
    ACTOR,
    'dataset',
    (input: { datasetId: string; portalId?: string; version?: number }) => input.datasetId,
    ({ portalId, version }) => (portalId ? { portalId, version } : {}),
  );

  return {
    listPortalTargets: step('dataset.portal_targets_listed', ({ siren }: ListPortalTargetsInput) => portals.targetsFor(siren)),

    publishVersionToPortal: step('dataset.portal_published', async ({ portalId, datasetId, version }: PublishVersionToPortalInput): Promise<PortalVersionPublished> => {
      const { attempt } = Context.current().info;
      try {
        const portal = await portals.credentials(portalId);
        const state = await portals.datasetState(portalId, datasetId);
        if (state?.status === 'published' && state.remoteDatasetId && (state.lastVersion ?? 0) >= version) {
          // A later version got there first (versions may be published out of order): never go back.
          return { portalId, remoteDatasetId: state.remoteDatasetId, remoteUrl: state.remoteUrl ?? '', resources: state.resources, skipped: true };
        }
        const dataset = await loadDatasetVersion(datasetId, version);
        const published = await publisherFor(portal, publisherOptions).publish(toPublication(dataset, state), {
          datasetCreated: (remoteDatasetId, remoteUrl) => portals.recordRemoteIds(portalId, datasetId, { remoteDatasetId, remoteUrl }),
          resourceCreated: (key, remoteResourceId) => portals.recordRemoteIds(portalId, datasetId, { resources: { [key]: remoteResourceId } }),
        });
        const resources = Object.fromEntries(published.resources.map((r) => [r.key, r.remoteResourceId]));
        await portals.recordPublished(portalId, datasetId, { version, remoteDatasetId: published.remoteDatasetId, remoteUrl: published.remoteUrl, resources });
        await audit.append({
          actor: ACTOR, action: 'dataset.portal_published', subjectType: 'dataset', subjectId: datasetId, outcome: 'ok',
          details: { portalId, portal: portal.name, version, attempt, remoteDatasetId: published.remoteDatasetId, resources },
        });
        return { portalId, remoteDatasetId: published.remoteDatasetId, remoteUrl: published.remoteUrl, resources, skipped: false };
      } catch (err) {
        const code = isCodedError(err) ? err.code : 'TRANSIENT';
        const message = err instanceof Error ? err.message : String(err);
        await portals.recordFailed(portalId, datasetId, { code, message, version, attempt }).catch(() => undefined);
        throw err;
      }
    }),
  };
}

/** Our dataset version as the portal sees it, with the remote ids we stored for it. */
export function toPublication(dataset: PublishableDatasetVersion, state: PortalDatasetState | null): PortalDatasetPublication {
  return {
    remoteDatasetId: state?.remoteDatasetId ?? null,
    name: dataset.datasetId.toLowerCase().replace(/[^a-z0-9_-]+/g, '-'),
    title: dataset.title,
    description: dataset.description,
    tags: dataset.tags,
    licence: 'lov2',
    schema: dataset.schema,
    temporal: dataset.temporal,
    // New acts arrive when councils meet, not on a calendar.
    frequency: 'irregular',
    private: false,
    resources: dataset.files.map((file) => ({
      key: file.key,
      remoteResourceId: state?.resources[file.key] ?? null,
      title: `${dataset.title} (${file.key.toUpperCase()})`,
      format: file.key,
      mediaType: file.mediaType,
      fileName: file.fileName,
      byteSize: file.byteSize,
      sha256: file.sha256,
      open: () => file.open(),
    })),
  };
}
