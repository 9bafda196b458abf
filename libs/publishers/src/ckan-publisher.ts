import { CodedError } from '@openactes/domain';
import { isRecord, portalMessage, PortalHttp } from './portal-http';
import type { PortalConnection, PortalDatasetPublication, PortalResource, PublicationProgress, PublishedDataset, Publisher, PublisherOptions } from './publication';
import { readAll } from './resource-content';

interface CkanResource {
  id: string;
  url?: string;
}

interface CkanPackage {
  id: string;
  name: string;
  extras: Array<{ key: string; value: string }>;
  resources: CkanResource[];
}

/**
 * Publishes through CKAN's action API (`Authorization: <token>`). Updates use
 * `package_patch` (never `package_update`, which deletes every field it is
 * not given); `extras` is a list the patch replaces whole, so ours are merged
 * into the ones already there. Resources are patched by the ids we stored.
 */
export class CkanPublisher implements Publisher {
  readonly kind = 'ckan' as const;
  private readonly http: PortalHttp;
  private readonly licenseId: string;
  private readonly siteUrl: string;

  constructor(
    private readonly portal: PortalConnection,
    options: PublisherOptions = {},
  ) {
    this.siteUrl = portal.baseUrl.replace(/\/+$/, '');
    this.http = new PortalHttp({
      portal: portal.name,
      baseUrl: `${this.siteUrl}/api/3/action`,
      authHeader: { name: 'Authorization', value: portal.apiKey },
      timeoutMs: options.timeoutMs,
      fetch: options.fetch,
      unwrap: unwrapEnvelope,
    });
    this.licenseId = options.ckanLicenseId ?? 'lov2';
  }

  async publish(publication: PortalDatasetPublication, progress: PublicationProgress = {}): Promise<PublishedDataset> {
    const owned = {
      title: publication.title,
      notes: publication.description,
      license_id: this.licenseId,
      tags: publication.tags.map((name) => ({ name })),
      private: publication.private,
    };
    let pkg: CkanPackage;
    if (publication.remoteDatasetId === null) {
      pkg = asPackage(
        await this.http.request({
          method: 'POST',
          path: '/package_create',
          json: {
            name: publication.name ?? machineName(publication.title),
            ...owned,
            ...(this.portal.organization ? { owner_org: this.portal.organization } : {}),
            extras: mergeExtras([], ownedExtras(publication)),
          },
        }),
      );
      await progress.datasetCreated?.(pkg.id, this.datasetUrl(pkg));
    } else {
      const current = asPackage(await this.http.request({ method: 'GET', path: '/package_show', query: { id: publication.remoteDatasetId } }));
      pkg = asPackage(
        await this.http.request({
          method: 'POST',
          path: '/package_patch',
          json: { id: current.id, ...owned, extras: mergeExtras(current.extras, ownedExtras(publication)) },
        }),
      );
    }

    const onPortal = new Set(pkg.resources.map((r) => r.id));
    const resources: PublishedDataset['resources'] = [];
    for (const resource of publication.resources) {
      const known = resource.remoteResourceId && onPortal.has(resource.remoteResourceId) ? resource.remoteResourceId : null;
      const form = await resourceForm(resource);
      if (known) form.append('id', known);
      else form.append('package_id', pkg.id);
      const saved = asResource(await this.http.request({ method: 'POST', path: known ? '/resource_patch' : '/resource_create', form }));
      if (!known) await progress.resourceCreated?.(resource.key, saved.id);
      resources.push({ key: resource.key, remoteResourceId: saved.id, url: saved.url ?? '' });
    }
    return { remoteDatasetId: pkg.id, remoteUrl: this.datasetUrl(pkg), resources };
  }

  /** Made private rather than deleted (package_delete): reversible, ids and URLs kept; the next publication makes it public again. */
  async unpublishDataset(remoteDatasetId: string): Promise<void> {
    await this.http.request({ method: 'POST', path: '/package_patch', json: { id: remoteDatasetId, private: true } });
  }

  private datasetUrl(pkg: CkanPackage): string {
    return `${this.siteUrl}/dataset/${pkg.name}`;
  }
}

/** CKAN has no schema field: the schema and the temporal coverage are declared as extras (the keys ckanext-dcat reads). */
function ownedExtras(p: PortalDatasetPublication): Record<string, string> {
  return {
    ...(p.schema ? { schema: p.schema } : {}),
    ...(p.temporal ? { temporal_start: p.temporal.start, temporal_end: p.temporal.end } : {}),
    ...(p.frequency ? { frequency: p.frequency } : {}),
  };
}

function mergeExtras(current: CkanPackage['extras'], ours: Record<string, string>): CkanPackage['extras'] {
  const kept = current.filter((e) => !(e.key in ours));
  return [...kept, ...Object.entries(ours).map(([key, value]) => ({ key, value }))];
}

async function resourceForm(resource: PortalResource): Promise<FormData> {
  const form = new FormData();
  const fields = { name: resource.title, format: resource.format, mimetype: resource.mediaType, size: resource.byteSize, hash: resource.sha256 };
  for (const [name, value] of Object.entries(fields)) form.append(name, String(value));
  form.append('upload', new Blob([await readAll(resource)], { type: resource.mediaType }), resource.fileName);
  return form;
}

/** CKAN names: 2–100 characters among lowercase letters, digits, `-` and `_`. */
export function machineName(title: string): string {
  const name = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);
  return name.length >= 2 ? name : `dataset-${name}`;
}

function unwrapEnvelope(body: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  if (isRecord(body) && body.success === true) return { ok: true, value: body.result };
  return { ok: false, message: portalMessage(body) ?? 'success is not true' };
}

function asPackage(body: unknown): CkanPackage {
  if (!isRecord(body) || typeof body.id !== 'string' || typeof body.name !== 'string') throw badAnswer('a dataset without id or name');
  const extras = Array.isArray(body.extras)
    ? body.extras.filter(isRecord).map((e) => ({ key: String(e.key), value: typeof e.value === 'string' ? e.value : JSON.stringify(e.value) }))
    : [];
  const resources = Array.isArray(body.resources) ? body.resources.map(asResource) : [];
  return { id: body.id, name: body.name, extras, resources };
}

function asResource(body: unknown): CkanResource {
  if (!isRecord(body) || typeof body.id !== 'string') throw badAnswer('a resource without id');
  return { id: body.id, url: typeof body.url === 'string' ? body.url : undefined };
}

function badAnswer(what: string): CodedError {
  return new CodedError('PORTAL_UNAVAILABLE', `CKAN answered ${what}`);
}
