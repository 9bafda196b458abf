import { createHash, randomUUID } from 'node:crypto';
import { CodedError } from '@openactes/domain';
import { isRecord, PortalHttp } from './portal-http';
import type { PortalConnection, PortalDatasetPublication, PortalResource, PublicationProgress, PublishedDataset, Publisher, PublisherOptions } from './publication';
import { chunksOf, readAll } from './resource-content';

export const DEFAULT_CHUNK_THRESHOLD_BYTES = 10 * 1024 * 1024;
export const DEFAULT_CHUNK_SIZE_BYTES = 5 * 1024 * 1024;

interface UdataResource {
  id: string;
  url?: string;
  latest?: string;
  /** The portal's own digest of a hosted file. */
  checksum?: { type: string; value: string };
}

interface UdataDataset {
  id: string;
  page?: string;
  resources: UdataResource[];
}

/**
 * Publishes to data.gouv.fr or any udata instance (API v1, `X-API-KEY`).
 * We own title, description, tags, license, frequency, temporal coverage,
 * spatial coverage (when given) and `private`, which every write sends; other
 * fields set on the portal by a human are never sent back, so never clobbered.
 * Resources are found by the ids we stored, never by their title.
 */
export class UdataPublisher implements Publisher {
  readonly kind = 'udata' as const;
  private readonly http: PortalHttp;
  private readonly chunkThreshold: number;
  private readonly chunkSize: number;

  constructor(
    private readonly portal: PortalConnection,
    options: PublisherOptions = {},
  ) {
    this.http = new PortalHttp({
      portal: portal.name,
      baseUrl: portal.baseUrl,
      authHeader: { name: 'X-API-KEY', value: portal.apiKey },
      timeoutMs: options.timeoutMs,
      fetch: options.fetch,
    });
    this.chunkThreshold = options.chunkThresholdBytes ?? DEFAULT_CHUNK_THRESHOLD_BYTES;
    this.chunkSize = options.chunkSizeBytes ?? DEFAULT_CHUNK_SIZE_BYTES;
  }

  async publish(publication: PortalDatasetPublication, progress: PublicationProgress = {}): Promise<PublishedDataset> {
    const owned = ownedFields(publication);
    let dataset: UdataDataset;
    if (publication.remoteDatasetId === null) {
      const organization = this.portal.organization ? { organization: this.portal.organization } : {};
      dataset = asDataset(await this.http.request({ method: 'POST', path: '/datasets/', json: { ...owned, ...organization } }));
      await progress.datasetCreated?.(dataset.id, this.datasetUrl(dataset));
    } else {
      const path = `/datasets/${encodeURIComponent(publication.remoteDatasetId)}/`;
      // Fails as PORTAL_NOT_FOUND when the dataset was deleted on the portal, before any upload.
      const current = asDataset(await this.http.request({ method: 'GET', path }));
      const updated = asDataset(await this.http.request({ method: 'PUT', path, json: owned }));
      dataset = { ...updated, resources: updated.resources.length ? updated.resources : current.resources };
    }

    const onPortal = new Set(dataset.resources.map((r) => r.id));
    const ours = new Set(publication.resources.map((r) => r.remoteResourceId));
    const resources: PublishedDataset['resources'] = [];
    for (const resource of publication.resources) {
      const known = resource.remoteResourceId && onPortal.has(resource.remoteResourceId) ? resource.remoteResourceId : await this.lostUpload(dataset, ours, resource);
      const uploaded = await this.upload(dataset.id, known, resource);
      const remoteResourceId = known ?? uploaded.id;
      if (remoteResourceId !== resource.remoteResourceId) await progress.resourceCreated?.(resource.key, remoteResourceId);
      const meta = asResource(
        await this.http.request({
          method: 'PUT',
          path: `/datasets/${encodeURIComponent(dataset.id)}/resources/${encodeURIComponent(remoteResourceId)}/`,
          // url, checksum and filesize of a hosted file are the portal's (it computes its own sha1).
          json: {
            title: resource.title,
            format: resource.format,
            mime: resource.mediaType,
            type: 'main',
            ...(publication.schema ? { schema: { name: publication.schema } } : {}),
          },
        }),
      );
      resources.push({ key: resource.key, remoteResourceId, url: meta.latest ?? meta.url ?? uploaded.latest ?? uploaded.url ?? '' });
    }
    return { remoteDatasetId: dataset.id, remoteUrl: this.datasetUrl(dataset), resources };
  }

  /**
   * An upload whose answer was lost (a timeout after the portal stored the file)
   * left a resource whose id we never learnt: it is found by its content (the
   * sha1 the portal computes) and replaced in place, not uploaded a second time.
   */
  private async lostUpload(dataset: UdataDataset, ours: Set<string | null>, resource: PortalResource): Promise<string | null> {
    const unknown = dataset.resources.filter((r) => !ours.has(r.id) && r.checksum?.type === 'sha1');
    if (!unknown.length) return null;
    const sha1 = createHash('sha1');
    for await (const part of chunksOf(resource, this.chunkSize)) sha1.update(part);
    const digest = sha1.digest('hex');
    return unknown.find((r) => r.checksum!.value === digest)?.id ?? null;
  }

  private datasetUrl(dataset: UdataDataset): string {
    return dataset.page ?? `${this.portal.baseUrl.replace(/\/+$/, '')}/datasets/${dataset.id}/`;
  }

  /**
   * Made private rather than DELETEd: DELETE is a soft delete after which the
   * portal answers 410 for our stored ids and the stable resource links die;
   * private keeps ids and links, and the next publication (private: false) restores it.
   */
  async unpublishDataset(remoteDatasetId: string): Promise<void> {
    await this.http.request({ method: 'PUT', path: `/datasets/${encodeURIComponent(remoteDatasetId)}/`, json: { private: true } });
  }

  /** A new file → the dataset's upload endpoint; a known resource → its replace endpoint (same id). */
  private async upload(datasetId: string, resourceId: string | null, resource: PortalResource): Promise<UdataResource> {
    const path = resourceId
      ? `/datasets/${encodeURIComponent(datasetId)}/resources/${encodeURIComponent(resourceId)}/upload/`
      : `/datasets/${encodeURIComponent(datasetId)}/upload/`;
    if (resource.byteSize > this.chunkThreshold) return this.uploadInChunks(path, resource);
    const form = new FormData();
    form.append('file', new Blob([await readAll(resource)], { type: resource.mediaType }), resource.fileName);
    return asResource(await this.http.request({ method: 'POST', path, form }));
  }

  /** udata's chunked protocol: every part to the same endpoint, then a final call without `file` that assembles them. */
  private async uploadInChunks(path: string, resource: PortalResource): Promise<UdataResource> {
    const uuid = randomUUID();
    const totalparts = Math.ceil(resource.byteSize / this.chunkSize);
    let partindex = 0;
    let offset = 0;
    for await (const part of chunksOf(resource, this.chunkSize)) {
      const form = new FormData();
      form.append('file', new Blob([part], { type: 'application/octet-stream' }), resource.fileName);
      const fields = { uuid, filename: resource.fileName, partindex, partbyteoffset: offset, totalparts, chunksize: part.length };
      for (const [name, value] of Object.entries(fields)) form.append(name, String(value));
      await this.http.request({ method: 'POST', path, form });
      partindex += 1;
      offset += part.length;
    }
    if (partindex !== totalparts || offset !== resource.byteSize) {
      throw new CodedError('INTERNAL_ERROR', `${resource.fileName}: read ${offset} bytes in ${partindex} parts, expected ${resource.byteSize}`, { key: resource.key });
    }
    const done = new FormData();
    for (const [name, value] of Object.entries({ uuid, filename: resource.fileName, totalparts })) done.append(name, String(value));
    return asResource(await this.http.request({ method: 'POST', path, form: done }));
  }
}

function ownedFields(p: PortalDatasetPublication): Record<string, unknown> {
  return {
    title: p.title,
    description: p.description,
    tags: p.tags,
    license: p.licence,
    ...(p.frequency ? { frequency: p.frequency } : {}),
    ...(p.temporal ? { temporal_coverage: { start: p.temporal.start, end: p.temporal.end } } : {}),
    ...(p.spatial ? { spatial: p.spatial } : {}),
    private: p.private,
  };
}

function asDataset(body: unknown): UdataDataset {
  if (!isRecord(body) || typeof body.id !== 'string') throw badAnswer('a dataset without id');
  const resources = Array.isArray(body.resources) ? body.resources.map(asResource) : [];
  return { id: body.id, page: typeof body.page === 'string' ? body.page : undefined, resources };
}

function asResource(body: unknown): UdataResource {
  if (!isRecord(body) || typeof body.id !== 'string') throw badAnswer('a resource without id');
  const checksum = isRecord(body.checksum) && typeof body.checksum.type === 'string' && typeof body.checksum.value === 'string' ? { type: body.checksum.type, value: body.checksum.value } : undefined;
  return { id: body.id, url: typeof body.url === 'string' ? body.url : undefined, latest: typeof body.latest === 'string' ? body.latest : undefined, checksum };
}

/** A 2xx answer we cannot read: most likely a proxy or a deployment in progress, so worth a retry. */
function badAnswer(what: string): CodedError {
  return new CodedError('PORTAL_UNAVAILABLE', `udata answered ${what}`);
}
