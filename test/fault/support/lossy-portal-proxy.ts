import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ProxyFault = 'unavailable' | 'no-answer' | 'answer-lost';

export interface ProxyPlan {
  /** Which remote dataset the faults are about, by the title our publisher creates it with. */
  title: RegExp;
  /** Faults by rank of the request about that dataset (1-based): 503 without reaching the portal, or no answer at all. */
  byRank: Record<number, 'unavailable' | 'no-answer'>;
  /** The first upload of a new file reaches the portal, which stores it, but its answer never comes back. */
  loseFirstUploadAnswer: boolean;
}

/**
 * What a flaky network or load balancer does between the publisher and a
 * portal, at the HTTP level: requests about one dataset meet a 503, get no
 * answer, or reach the portal and lose their answer on the way back. Every
 * other request goes through untouched.
 */
export class LossyPortalProxy {
  readonly faults: { fault: ProxyFault; method: string; path: string }[] = [];
  private readonly remoteIds = new Set<string>();
  private readonly held: ServerResponse[] = [];
  private rank = 0;
  private uploadLost = false;
  private server: Server | null = null;
  private port = 0;

  constructor(
    private readonly target: string,
    private readonly plan: ProxyPlan,
  ) {}

  /** The proxied portal's API root, as the portal's own `apiUrl` would be. */
  apiUrl(portalApiUrl: string): string {
    return portalApiUrl.replace(this.target, `http://127.0.0.1:${this.port}`);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.held) res.destroy();
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const path = req.url ?? '/';
    const creates = req.method === 'POST' && /\/datasets\/$/.test(path) && this.plan.title.test(titleOf(body));
    const about = creates || [...this.remoteIds].some((id) => path.includes(`/datasets/${id}/`));
    let fault: ProxyFault | undefined;
    if (about) {
      this.rank += 1;
      fault = this.plan.byRank[this.rank];
      if (!fault && this.plan.loseFirstUploadAnswer && !this.uploadLost && req.method === 'POST' && /\/datasets\/[^/]+\/upload\/$/.test(path)) {
        this.uploadLost = true;
        fault = 'answer-lost';
      }
    }
    if (fault) this.faults.push({ fault, method: req.method ?? 'GET', path });
    if (fault === 'unavailable') {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Service unavailable' }));
      return;
    }
    if (fault === 'no-answer') {
      this.held.push(res);
      return;
    }
    const answer = await this.forward(req, path, body);
    if (creates && answer.status === 201) this.remoteIds.add(String((JSON.parse(answer.body.toString('utf8')) as { id: string }).id));
    if (fault === 'answer-lost') {
      this.held.push(res);
      return;
    }
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  }

  private forward(req: IncomingMessage, path: string, body: Buffer): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
    const target = new URL(this.target);
    const headers = { ...req.headers, host: target.host, 'content-length': String(body.length) };
    delete headers['transfer-encoding'];
    return new Promise((resolve, reject) => {
      const out = request({ host: target.hostname, port: target.port, method: req.method, path, headers }, (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (c: Buffer) => parts.push(c));
        answer.on('end', () => {
          const kept: Record<string, string> = {};
          for (const name of ['content-type', 'location']) if (answer.headers[name]) kept[name] = String(answer.headers[name]);
          resolve({ status: answer.statusCode ?? 502, headers: kept, body: Buffer.concat(parts) });
        });
        answer.on('error', reject);
      });
      out.on('error', reject);
      out.end(body);
    });
  }
}

function titleOf(body: Buffer): string {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { title?: unknown };
    return typeof parsed.title === 'string' ? parsed.title : '';
  } catch {
    return '';
  }
}
