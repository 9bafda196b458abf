import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import busboy from 'busboy';

/** What a fake portal keeps of each request, for tests to assert on (e.g. PATCH semantics). */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, when one was sent. */
  json?: unknown;
  /** Multipart fields other than the file. */
  fields?: Record<string, string>;
  file?: { field: string; fileName: string; size: number };
}

export interface ParsedRequest extends RecordedRequest {
  /** The JSON body did not parse. */
  badJson?: boolean;
  fileData?: Buffer;
}

type Fault = { kind: 'fail'; status: number; retryAfter?: string } | { kind: 'hang' };

/** Failures the next calls will meet, in order: a status, or no answer at all (to test timeouts). */
export class FaultPlan {
  private readonly queue: Fault[] = [];

  failNext(count: number, status = 503, options: { retryAfter?: string } = {}): void {
    for (let i = 0; i < count; i++) this.queue.push({ kind: 'fail', status, ...options });
  }

  hangNext(count: number): void {
    for (let i = 0; i < count; i++) this.queue.push({ kind: 'hang' });
  }

  take(): Fault | undefined {
    return this.queue.shift();
  }

  clear(): void {
    this.queue.length = 0;
  }
}

export async function readRequest(req: IncomingMessage): Promise<ParsedRequest> {
  const url = new URL(req.url ?? '/', 'http://fake');
  const parsed: ParsedRequest = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers };
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    await new Promise<void>((resolve, reject) => {
      const fields: Record<string, string> = {};
      const bb = busboy({ headers: req.headers });
      bb.on('field', (name, value) => (fields[name] = value));
      bb.on('file', (field, stream, info) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          parsed.fileData = Buffer.concat(chunks);
          parsed.file = { field, fileName: info.filename, size: parsed.fileData.length };
        });
      });
      bb.on('close', () => {
        parsed.fields = fields;
        resolve();
      });
      bb.on('error', reject);
      req.pipe(bb);
    });
    return parsed;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  if (body.trim()) {
    try {
      parsed.json = JSON.parse(body) as unknown;
    } catch {
      parsed.badJson = true;
    }
  }
  return parsed;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...(text ? { 'content-type': 'application/json' } : {}), ...headers });
  res.end(text);
}

export interface RunningFake {
  server: Server;
  baseUrl: string;
}

/** Listens on a free local port; `handle` answers (or leaves hanging) each parsed request. */
export async function listen(handle: (req: ParsedRequest, res: ServerResponse) => void | Promise<void>): Promise<RunningFake> {
  const server = createServer((req, res) => {
    readRequest(req)
      .then((parsed) => handle(parsed, res))
      .catch((err: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { message: err instanceof Error ? err.message : String(err) });
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, baseUrl: `http://127.0.0.1:${port}` };
}

export async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export function toRecord(p: ParsedRequest): RecordedRequest {
  const { badJson: _b, fileData: _f, ...recorded } = p;
  return recorded;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
