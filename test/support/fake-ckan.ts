import { randomUUID } from 'node:crypto';
import type { Server, ServerResponse } from 'node:http';
import { close, FaultPlan, isObject, listen, sendJson, toRecord, type ParsedRequest, type RecordedRequest } from './fake-portal-http';

/**
 * A CKAN action API (/api/3/action/*) in memory, over real HTTP: the
 * `Authorization` token on writes, the `{help, success, result}` envelope, the
 * documented `__type` errors and statuses (403, 404, 409), `package_patch`
 * merging top-level fields while `package_update` replaces the whole dataset,
 * and multipart `upload` on resource_create / resource_patch.
 */
export interface FakeCkanResource {
  id: string;
  package_id: string;
  url: string;
  [field: string]: unknown;
}

export interface FakeCkanPackage {
  id: string;
  name: string;
  resources: FakeCkanResource[];
  [field: string]: unknown;
}

const READ_ACTIONS = new Set(['package_show', 'resource_show', 'license_list']);
const NAME = /^[a-z0-9_-]{2,100}$/;

export class FakeCkan {
  readonly packages = new Map<string, FakeCkanPackage>();
  readonly requests: RecordedRequest[] = [];
  readonly faults = new FaultPlan();
  private readonly contents = new Map<string, Buffer>();
  private running: { server: Server; baseUrl: string } | null = null;

  constructor(readonly apiToken = 'ckan-test-token-9d3e7a') {}

  get baseUrl(): string {
    if (!this.running) throw new Error('FakeCkan is not started');
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

  content(resourceId: string): Buffer | undefined {
    return this.contents.get(resourceId);
  }

  /** Requests to one action, in order. */
  calls(action: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === `/api/3/action/${action}`);
  }

  /** A human editing the dataset on the portal. */
  editByHand(id: string, fields: Record<string, unknown>): void {
    const pkg = this.packages.get(id);
    if (!pkg) throw new Error(`no package ${id}`);
    Object.assign(pkg, fields);
  }

  private handle(req: ParsedRequest, res: ServerResponse): void {
    this.requests.push(toRecord(req));
    const fault = this.faults.take();
    if (fault?.kind === 'hang') return;
    if (fault) return this.error(res, fault.status, faultError(fault.status), fault.retryAfter);

    const download = /^\/dataset\/[^/]+\/resource\/([^/]+)\/download\//.exec(req.path);
    if (download && req.method === 'GET') return this.serveFile(download[1]!, res);
    const m = /^\/api\/3\/action\/([a-z_]+)$/.exec(req.path);
    if (!m) return sendJson(res, 404, { success: false, error: { __type: 'Not Found Error', message: 'Not found' } });
    const action = m[1]!;
    if (!READ_ACTIONS.has(action)) {
      if (req.method !== 'POST') return this.error(res, 400, { __type: 'Bad request', message: `${action} requires POST` });
      if (req.headers.authorization !== this.apiToken) {
        return this.error(res, 403, { __type: 'Authorization Error', message: `Access denied: User not authorized to call ${action}` });
      }
    }
    const data: Record<string, unknown> = req.fields ?? (isObject(req.json) ? req.json : req.method === 'GET' ? req.query : {});
    if (req.badJson) return this.error(res, 400, { __type: 'Bad request', message: 'Bad request - JSON Error: could not decode the request body' });
    const actions: Record<string, () => void> = {
      package_create: () => this.packageCreate(res, data),
      package_show: () => this.withPackage(res, data.id, (p) => this.ok(res, p)),
      package_patch: () => this.withPackage(res, data.id, (p) => this.packagePatch(res, p, data)),
      package_update: () => this.withPackage(res, data.id, (p) => this.packageUpdate(res, p, data)),
      package_delete: () => this.withPackage(res, data.id, (p) => ((p.state = 'deleted'), this.ok(res, null))),
      resource_create: () => this.resourceCreate(req, res, data),
      resource_patch: () => this.resourcePatch(req, res, data),
    };
    const run = actions[action];
    if (!run) return this.error(res, 400, { __type: 'Bad request', message: `Action name not known: ${action}` });
    run();
  }

  private packageCreate(res: ServerResponse, data: Record<string, unknown>): void {
    const errors: Record<string, string[]> = {};
    const name = typeof data.name === 'string' ? data.name : '';
    if (!NAME.test(name)) errors.name = ['Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_'];
    else if ([...this.packages.values()].some((p) => p.name === name)) errors.name = ['That URL is already in use.'];
    if (typeof data.owner_org !== 'string' || !data.owner_org) errors.owner_org = ['An organization must be provided'];
    if (Object.keys(errors).length) return this.error(res, 409, { __type: 'Validation Error', ...errors });
    const pkg: FakeCkanPackage = { ...data, id: randomUUID(), name, state: 'active', private: data.private === true, resources: [] };
    this.packages.set(pkg.id, pkg);
    this.ok(res, pkg);
  }

  private packagePatch(res: ServerResponse, pkg: FakeCkanPackage, data: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(data)) if (key !== 'id' && key !== 'resources') pkg[key] = value;
    this.ok(res, pkg);
  }

  /** The whole dataset is replaced: what is not sent is gone (resources are kept when omitted). */
  private packageUpdate(res: ServerResponse, pkg: FakeCkanPackage, data: Record<string, unknown>): void {
    const replaced: FakeCkanPackage = { ...data, id: pkg.id, name: typeof data.name === 'string' ? data.name : pkg.name, resources: pkg.resources };
    this.packages.set(pkg.id, replaced);
    this.ok(res, replaced);
  }

  private resourceCreate(req: ParsedRequest, res: ServerResponse, data: Record<string, unknown>): void {
    if (typeof data.package_id !== 'string' || !data.package_id) return this.error(res, 409, { __type: 'Validation Error', package_id: ['Missing value'] });
    this.withPackage(res, data.package_id, (pkg) => {
      const id = randomUUID();
      const resource: FakeCkanResource = { ...data, id, package_id: pkg.id, url: typeof data.url === 'string' ? data.url : '' };
      this.storeUpload(req, pkg, resource);
      pkg.resources.push(resource);
      this.ok(res, resource);
    });
  }

  private resourcePatch(req: ParsedRequest, res: ServerResponse, data: Record<string, unknown>): void {
    const pkg = [...this.packages.values()].find((p) => p.resources.some((r) => r.id === data.id));
    const resource = pkg?.resources.find((r) => r.id === data.id);
    if (!pkg || !resource) return this.error(res, 404, { __type: 'Not Found Error', message: 'Not found: Resource was not found.' });
    for (const [key, value] of Object.entries(data)) if (key !== 'id' && key !== 'package_id') resource[key] = value;
    this.storeUpload(req, pkg, resource);
    this.ok(res, resource);
  }

  private storeUpload(req: ParsedRequest, pkg: FakeCkanPackage, resource: FakeCkanResource): void {
    if (!req.file || req.file.field !== 'upload' || !req.fileData) return;
    this.contents.set(resource.id, req.fileData);
    resource.url = `${this.baseUrl}/dataset/${pkg.id}/resource/${resource.id}/download/${encodeURIComponent(req.file.fileName)}`;
    resource.url_type = 'upload';
  }

  private serveFile(resourceId: string, res: ServerResponse): void {
    const data = this.contents.get(resourceId);
    if (!data) return sendJson(res, 404, { success: false, error: { __type: 'Not Found Error', message: 'Not found' } });
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(data);
  }

  private withPackage(res: ServerResponse, id: unknown, fn: (p: FakeCkanPackage) => void): void {
    const pkg = typeof id === 'string' ? (this.packages.get(id) ?? [...this.packages.values()].find((p) => p.name === id)) : undefined;
    if (!pkg || pkg.state === 'deleted') return this.error(res, 404, { __type: 'Not Found Error', message: 'Not found' });
    fn(pkg);
  }

  private ok(res: ServerResponse, result: unknown): void {
    sendJson(res, 200, { help: `${this.baseUrl}/api/3/action/help_show`, success: true, result });
  }

  private error(res: ServerResponse, status: number, error: Record<string, unknown>, retryAfter?: string): void {
    sendJson(res, status, { help: `${this.baseUrl}/api/3/action/help_show`, success: false, error }, retryAfter ? { 'retry-after': retryAfter } : {});
  }
}

/** The `error` object CKAN documents for each status. */
function faultError(status: number): Record<string, unknown> {
  const byStatus: Record<number, Record<string, unknown>> = {
    400: { __type: 'Integrity Error', message: 'Integrity error' },
    403: { __type: 'Authorization Error', message: 'Access denied' },
    404: { __type: 'Not Found Error', message: 'Not found' },
    409: { __type: 'Validation Error', name: ['That URL is already in use.'] },
    500: { __type: 'Internal Server Error', message: 'Internal Server Error' },
    503: { __type: 'Search Connection Error', message: 'Unable to connect to the search index' },
  };
  return byStatus[status] ?? { __type: 'Internal Server Error', message: `HTTP ${status}` };
}
