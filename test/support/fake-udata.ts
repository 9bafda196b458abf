import { createHash, randomUUID } from 'node:crypto';
import type { Server, ServerResponse } from 'node:http';
import { close, FaultPlan, isObject, listen, sendJson, toRecord, type ParsedRequest, type RecordedRequest } from './fake-portal-http';

/**
 * A udata instance (API v1) in memory, over real HTTP, answering as the
 * documentation describes: `X-API-KEY` on writes, JSON endpoints that insist on
 * `application/json`, multipart uploads (chunked ones included), `{message}` /
 * `{errors}` error bodies, 410 for a deleted dataset.
 */
export interface FakeUdataResource {
  id: string;
  title: string;
  description: string;
  format: string;
  mime: string;
  type: string;
  filetype: 'file' | 'remote';
  url: string;
  latest: string;
  checksum: { type: 'sha1'; value: string };
  filesize: number;
  schema: Record<string, unknown> | null;
  extras: Record<string, unknown>;
}

export interface FakeUdataDataset {
  id: string;
  slug: string;
  page: string;
  title: string;
  description: string;
  organization: string | null;
  private: boolean;
  deleted: boolean;
  /** Every other field (ours and the ones a human set on the portal). */
  fields: Record<string, unknown>;
  resources: FakeUdataResource[];
}

const LICENSES = new Set(['lov2', 'odc-odbl', 'cc-by', 'notspecified', 'other-open']);
const FREQUENCIES = new Set(['daily', 'weekly', 'monthly', 'quarterly', 'annual', 'irregular', 'punctual', 'continuous', 'unknown']);
const SCHEMAS = new Set(['scdl/deliberations', 'scdl/budget', 'scdl/subventions', '139bercy/format-commande-publique']);
const EXTENSIONS = new Set(['csv', 'json', 'xml', 'parquet', 'zip', 'txt']);
/** Read-only for clients, whatever they send. */
const PROTECTED_DATASET_FIELDS = new Set(['id', 'slug', 'page', 'resources', 'created_at', 'last_modified', 'uri']);
const PROTECTED_HOSTED_RESOURCE_FIELDS = new Set(['id', 'url', 'latest', 'checksum', 'filesize', 'filetype']);

export class FakeUdata {
  readonly datasets = new Map<string, FakeUdataDataset>();
  readonly requests: RecordedRequest[] = [];
  readonly faults = new FaultPlan();
  /** Organizations the key's owner is a member of. */
  readonly organizations = new Set<string>();
  private readonly contents = new Map<string, Buffer>();
  private readonly chunks = new Map<string, Map<number, Buffer>>();
  private running: { server: Server; baseUrl: string } | null = null;

  constructor(readonly apiKey = 'udata-test-key-5f1c2b') {}

  /** The API root to give the publisher (…/api/1). */
  get apiUrl(): string {
    return `${this.baseUrl}/api/1`;
  }

  get baseUrl(): string {
    if (!this.running) throw new Error('FakeUdata is not started');
    return this.running.baseUrl;
  }

  async start(): Promise<this> {
    this.running = await listen((req, res) => this.handle(req, res));
    return this;
  }

  async stop(): Promise<void> {
    if (this.running) await close(this.running.server);
    this.running = null;
  }

  /** The stored file of a resource. */
  content(resourceId: string): Buffer | undefined {
    return this.contents.get(resourceId);
  }

  /** A human editing the dataset on the portal. */
  editByHand(datasetId: string, change: { fields?: Record<string, unknown>; resourceTitles?: Record<string, string> }): void {
    const dataset = this.datasets.get(datasetId);
    if (!dataset) throw new Error(`no dataset ${datasetId}`);
    Object.assign(dataset.fields, change.fields ?? {});
    for (const [rid, title] of Object.entries(change.resourceTitles ?? {})) {
      const resource = dataset.resources.find((r) => r.id === rid);
      if (resource) resource.title = title;
    }
  }

  private handle(req: ParsedRequest, res: ServerResponse): void {
    this.requests.push(toRecord(req));
    const fault = this.faults.take();
    if (fault?.kind === 'hang') return; // never answered; the client's timeout ends it
    if (fault) return sendJson(res, fault.status, errorBody(fault.status), fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});

    const m = /^\/api\/1(\/.*)$/.exec(req.path);
    const files = /^\/files\/([^/]+)\//.exec(req.path);
    if (files && req.method === 'GET') return this.serveFile(files[1]!, res);
    if (!m) return sendJson(res, 404, { message: 'Not Found' });
    const path = m[1]!;
    if (req.method !== 'GET' && req.headers['x-api-key'] !== this.apiKey) {
      return sendJson(res, 401, { message: req.headers['x-api-key'] ? 'Invalid API token' : 'Unauthorized' });
    }
    const routes: Array<[string, RegExp, (req: ParsedRequest, res: ServerResponse, ...ids: string[]) => void]> = [
      ['POST', /^\/datasets\/$/, (q, r) => this.createDataset(q, r)],
      ['GET', /^\/datasets\/([^/]+)\/$/, (_q, r, id) => this.withDataset(id!, r, (d) => sendJson(r, 200, this.view(d)))],
      ['PUT', /^\/datasets\/([^/]+)\/$/, (q, r, id) => this.updateDataset(q, r, id!)],
      ['DELETE', /^\/datasets\/([^/]+)\/$/, (_q, r, id) => this.withDataset(id!, r, (d) => ((d.deleted = true), sendJson(r, 204, undefined)))],
      ['POST', /^\/datasets\/([^/]+)\/upload\/$/, (q, r, id) => this.upload(q, r, id!, null)],
      ['POST', /^\/datasets\/([^/]+)\/resources\/([^/]+)\/upload\/$/, (q, r, id, rid) => this.upload(q, r, id!, rid!)],
      ['PUT', /^\/datasets\/([^/]+)\/resources\/([^/]+)\/$/, (q, r, id, rid) => this.updateResource(q, r, id!, rid!)],
      ['GET', /^\/datasets\/r\/([^/]+)$/, (_q, r, rid) => this.redirectToFile(r, rid!)],
    ];
    for (const [method, pattern, route] of routes) {
      const match = pattern.exec(path);
      if (match && method === req.method) return route(req, res, ...match.slice(1).map(decodeURIComponent));
    }
    sendJson(res, 404, { message: 'Not Found' });
  }

  private createDataset(req: ParsedRequest, res: ServerResponse): void {
    const body = jsonBody(req, res);
    if (!body) return;
    const errors: Record<string, string[]> = {};
    if (typeof body.title !== 'string' || !body.title) errors.title = ['This field is required.'];
    if (typeof body.description !== 'string' || !body.description) errors.description = ['This field is required.'];
    Object.assign(errors, fieldErrors(body));
    if (Object.keys(errors).length) return sendJson(res, 400, { errors, message: 'Validation error' });
    const organization = typeof body.organization === 'string' ? body.organization : null;
    if (organization && !this.organizations.has(organization)) {
      return sendJson(res, 403, { message: 'You do not have the permission to modify that object.' });
    }
    const id = randomUUID().replace(/-/g, '').slice(0, 24);
    const slug = `${String(body.title).toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${id.slice(0, 6)}`;
    const dataset: FakeUdataDataset = {
      id, slug, page: `${this.baseUrl}/fr/datasets/${slug}/`, title: String(body.title), description: String(body.description),
      organization, private: body.private === true, deleted: false, fields: {}, resources: [],
    };
    this.applyDatasetFields(dataset, body);
    this.datasets.set(id, dataset);
    sendJson(res, 201, this.view(dataset));
  }

  private updateDataset(req: ParsedRequest, res: ServerResponse, id: string): void {
    const dataset = this.datasets.get(id);
    if (!dataset) return sendJson(res, 404, { message: 'Not Found' });
    const body = jsonBody(req, res);
    if (!body) return;
    if (dataset.deleted && body.deleted !== null) return sendJson(res, 410, { message: 'Dataset has been deleted' });
    const errors = fieldErrors(body);
    if (Object.keys(errors).length) return sendJson(res, 400, { errors, message: 'Validation error' });
    if ('deleted' in body && body.deleted === null) dataset.deleted = false;
    this.applyDatasetFields(dataset, body);
    sendJson(res, 200, this.view(dataset));
  }

  private applyDatasetFields(dataset: FakeUdataDataset, body: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(body)) {
      if (PROTECTED_DATASET_FIELDS.has(key) || key === 'deleted' || key === 'organization') continue;
      if (key === 'title') dataset.title = String(value);
      else if (key === 'description') dataset.description = String(value);
      else if (key === 'private') dataset.private = value === true;
      else dataset.fields[key] = value;
    }
  }

  private upload(req: ParsedRequest, res: ServerResponse, datasetId: string, resourceId: string | null): void {
    this.withDataset(datasetId, res, (dataset) => {
      if (!req.fields) return sendJson(res, 400, { message: 'Expecting multipart/form-data' });
      const existing = resourceId ? dataset.resources.find((r) => r.id === resourceId) : undefined;
      if (resourceId && !existing) return sendJson(res, 404, { message: 'Not Found' });
      const { uuid } = req.fields;
      let fileName: string;
      let data: Buffer;
      if (uuid) {
        const parts = this.chunks.get(uuid) ?? new Map<number, Buffer>();
        this.chunks.set(uuid, parts);
        if (req.fileData) {
          if (req.fileData.length !== Number(req.fields.chunksize)) return sendJson(res, 400, { success: false, error: 'Chunk size mismatch' });
          parts.set(Number(req.fields.partindex), req.fileData);
          return sendJson(res, 200, { success: true });
        }
        const total = Number(req.fields.totalparts);
        const ordered = Array.from({ length: total }, (_, i) => parts.get(i));
        if (!total || ordered.some((p) => !p) || parts.size !== total) return sendJson(res, 400, { success: false, error: 'Missing chunks' });
        this.chunks.delete(uuid);
        fileName = req.fields.filename ?? 'file';
        data = Buffer.concat(ordered as Buffer[]);
      } else {
        if (!req.fileData || !req.file) return sendJson(res, 400, { message: 'File is required', errors: { file: ['This field is required.'] } });
        fileName = req.file.fileName;
        data = req.fileData;
      }
      const extension = fileName.split('.').pop()?.toLowerCase() ?? '';
      if (!EXTENSIONS.has(extension)) return sendJson(res, 400, { message: 'This file type is not allowed' });
      const id = existing?.id ?? randomUUID();
      const url = `${this.baseUrl}/files/${id}/${encodeURIComponent(fileName)}`;
      const stored: FakeUdataResource = {
        id, title: existing?.title ?? fileName, description: existing?.description ?? '', format: existing?.format ?? extension,
        mime: existing?.mime ?? 'application/octet-stream', type: existing?.type ?? 'main', filetype: 'file', url,
        latest: `${this.apiUrl}/datasets/r/${id}`, checksum: { type: 'sha1', value: createHash('sha1').update(data).digest('hex') },
        filesize: data.length, schema: existing?.schema ?? null, extras: existing?.extras ?? {},
      };
      this.contents.set(id, data);
      if (existing) Object.assign(existing, stored);
      else dataset.resources.push(stored);
      sendJson(res, existing ? 200 : 201, stored);
    });
  }

  private updateResource(req: ParsedRequest, res: ServerResponse, datasetId: string, resourceId: string): void {
    this.withDataset(datasetId, res, (dataset) => {
      const resource = dataset.resources.find((r) => r.id === resourceId);
      if (!resource) return sendJson(res, 404, { message: 'Not Found' });
      const body = jsonBody(req, res);
      if (!body) return;
      if ('filetype' in body && body.filetype !== resource.filetype) return sendJson(res, 400, { message: 'Cannot change the filetype of a resource' });
      if (isObject(body.schema) && typeof body.schema.name === 'string' && !SCHEMAS.has(body.schema.name)) {
        return sendJson(res, 400, { errors: { schema: [`Schema name "${body.schema.name}" is not an allowed value.`] }, message: 'Validation error' });
      }
      const target = resource as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(body)) if (!PROTECTED_HOSTED_RESOURCE_FIELDS.has(key)) target[key] = value;
      sendJson(res, 200, resource);
    });
  }

  private redirectToFile(res: ServerResponse, resourceId: string): void {
    const resource = [...this.datasets.values()].flatMap((d) => d.resources).find((r) => r.id === resourceId);
    if (!resource) return sendJson(res, 404, { message: 'Not Found' });
    res.writeHead(302, { location: resource.url });
    res.end();
  }

  private serveFile(resourceId: string, res: ServerResponse): void {
    const data = this.contents.get(resourceId);
    if (!data) return sendJson(res, 404, { message: 'Not Found' });
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(data);
  }

  private withDataset(id: string, res: ServerResponse, fn: (d: FakeUdataDataset) => void): void {
    const dataset = this.datasets.get(id);
    if (!dataset) return sendJson(res, 404, { message: 'Not Found' });
    if (dataset.deleted) return sendJson(res, 410, { message: 'Dataset has been deleted' });
    fn(dataset);
  }

  private view(d: FakeUdataDataset): Record<string, unknown> {
    return {
      ...d.fields, id: d.id, slug: d.slug, page: d.page, title: d.title, description: d.description,
      organization: d.organization ? { id: d.organization } : null, private: d.private, deleted: d.deleted ? new Date().toISOString() : null,
      resources: d.resources,
    };
  }
}

/** The JSON object of a JSON endpoint, or null after answering the documented 400. */
function jsonBody(req: ParsedRequest, res: ServerResponse): Record<string, unknown> | null {
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
    sendJson(res, 400, { errors: { 'Content-Type': 'expecting application/json' } });
    return null;
  }
  if (req.badJson || !isObject(req.json)) {
    sendJson(res, 400, { errors: { request: 'expecting a JSON object' } });
    return null;
  }
  return req.json;
}

function fieldErrors(body: Record<string, unknown>): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if ('license' in body && !LICENSES.has(String(body.license))) errors.license = ['Not a valid choice'];
  if ('frequency' in body && !FREQUENCIES.has(String(body.frequency))) errors.frequency = ['Not a valid choice'];
  if ('tags' in body && !Array.isArray(body.tags)) errors.tags = ['Not a list'];
  if ('private' in body && typeof body.private !== 'boolean') errors.private = ['Not a valid boolean'];
  return errors;
}

/** The bodies udata documents for each status. */
function errorBody(status: number): Record<string, unknown> {
  const messages: Record<number, string> = {
    400: 'Validation error',
    401: 'Invalid API token',
    403: 'You do not have the permission to modify that object.',
    404: 'Not Found',
    410: 'Dataset has been deleted',
    423: 'Read-only mode: content creation is blocked',
    429: 'Too many requests',
    500: 'Internal server error',
    502: 'Bad gateway',
    503: 'Service unavailable',
  };
  return status === 400 ? { errors: { title: ['Field too long'] }, message: messages[400] } : { message: messages[status] ?? `HTTP ${status}` };
}
