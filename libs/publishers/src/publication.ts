/** The portal software a publisher speaks to. */
export type PortalKind = 'udata' | 'ckan';

/** One file of a dataset version, keyed by what it is (csv, json), not by its title. */
export interface PortalResource {
  key: 'csv' | 'json' | (string & {});
  /** The portal's id of this resource, stored after the first publication; null: not on the portal yet. */
  remoteResourceId: string | null;
  title: string;
  format: string;
  mediaType: string;
  fileName: string;
  byteSize: number;
  /** Hex sha256 of the content. */
  sha256: string;
  open(): NodeJS.ReadableStream | Promise<Buffer>;
}

/** What we publish of one dataset version; the fields listed here are the only ones we own on the portal. */
export interface PortalDatasetPublication {
  /** The portal's id of the dataset, stored after the first publication; null: create it. */
  remoteDatasetId: string | null;
  /** A stable machine name for portals that need one at creation (CKAN `name`); default: from the title. */
  name?: string;
  title: string;
  description: string;
  tags: string[];
  licence: 'lov2';
  /** e.g. scdl/deliberations; null when the dataset follows no published schema. */
  schema: string | null;
  /** ISO dates (YYYY-MM-DD). */
  temporal: { start: string; end: string } | null;
  /** udata frequency id (irregular, daily…); not sent when absent. */
  frequency?: string;
  /** udata spatial coverage; not sent when absent. */
  spatial?: Record<string, unknown>;
  /** Always sent explicitly: an update that omits it may publish a draft or hide a dataset. */
  private: false;
  resources: PortalResource[];
}

export interface PublishedDataset {
  remoteDatasetId: string;
  remoteUrl: string;
  resources: Array<{ key: string; remoteResourceId: string; url: string }>;
}

/** Where and as whom we publish. */
export interface PortalConnection {
  /** Our name of the portal, carried in error details. */
  name: string;
  /** udata: the API root, e.g. https://www.data.gouv.fr/api/1; CKAN: the site root (the action API is under /api/3/action). */
  baseUrl: string;
  apiKey: string;
  /** udata organization id / CKAN owner_org. */
  organization: string | null;
}

export interface PublisherOptions {
  /** Per HTTP call, answer included; default 60 s. */
  timeoutMs?: number;
  /** Files larger than this go through udata's chunked upload; default 10 MB. */
  chunkThresholdBytes?: number;
  /** Size of one chunk; default 5 MB. */
  chunkSizeBytes?: number;
  /** CKAN `license_id` of Licence Ouverte 2.0 on that instance; default `lov2`. */
  ckanLicenseId?: string;
  fetch?: typeof fetch;
}

/**
 * Called as soon as the portal gives an id, before the rest of the publication:
 * store it, so that a retry after a later failure updates what was created
 * instead of creating a duplicate.
 */
export interface PublicationProgress {
  datasetCreated?(remoteDatasetId: string, remoteUrl: string): Promise<void>;
  resourceCreated?(key: string, remoteResourceId: string): Promise<void>;
}

export interface Publisher {
  readonly kind: PortalKind;
  /** Creates the dataset or updates only the fields we own, then uploads or replaces each resource by its stored id. */
  publish(publication: PortalDatasetPublication, progress?: PublicationProgress): Promise<PublishedDataset>;
  /** For datasets that end: made private (reversible, ids and URLs kept), not deleted. */
  unpublishDataset(remoteDatasetId: string): Promise<void>;
}
