import { CodedError, type ErrorCode } from '@openactes/domain';

export const DEFAULT_TIMEOUT_MS = 60_000;

export interface PortalRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Appended to the base URL; also what error details show. */
  path: string;
  query?: Record<string, string>;
  json?: unknown;
  form?: FormData;
}

interface PortalHttpOptions {
  portal: string;
  baseUrl: string;
  /** Sent on every call; its value is masked in any text we keep from the portal. */
  authHeader: { name: string; value: string };
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Portals that wrap answers in an envelope (CKAN): the result, or the refusal a 200 carried. */
  unwrap?: (body: unknown) => { ok: true; value: unknown } | { ok: false; message: string };
}

/**
 * The one place where portal answers become results or coded errors:
 * network errors, timeouts, 429 and 5xx → PORTAL_UNAVAILABLE (retryable, with
 * Retry-After); 400 and other refusals → PORTAL_REJECTED; 401/403 →
 * PORTAL_AUTH_FAILED; 404/410 → PORTAL_NOT_FOUND; 423 → PORTAL_LOCKED.
 * Details carry portal, method, path, status and the portal's message, never the key.
 */
export class PortalHttp {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: PortalHttpOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.fetch = options.fetch ?? fetch;
  }

  /** The parsed JSON answer (null for an empty one). */
  async request(req: PortalRequest): Promise<unknown> {
    const url = new URL(this.baseUrl + req.path);
    for (const [name, value] of Object.entries(req.query ?? {})) url.searchParams.set(name, value);
    const headers: Record<string, string> = { accept: 'application/json', [this.options.authHeader.name]: this.options.authHeader.value };
    let body: string | FormData | undefined;
    if (req.form) body = req.form;
    else if (req.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.json);
    }
    const timeout = AbortSignal.timeout(this.timeoutMs);
    let res: Response;
    let text: string;
    try {
      res = await this.fetch(url, { method: req.method, headers, body, signal: timeout, redirect: 'follow' });
      text = await res.text();
    } catch (err) {
      const reason = timeout.aborted ? `no complete answer within ${this.timeoutMs} ms` : networkReason(err);
      throw this.error('PORTAL_UNAVAILABLE', req, null, reason);
    }
    const parsed = parseJson(text);
    if (!res.ok) throw this.error(codeForStatus(res.status), req, res.status, portalMessage(parsed) ?? text.slice(0, 300), res.headers.get('retry-after'));
    if (text.trim() && parsed === undefined) throw this.error('PORTAL_UNAVAILABLE', req, res.status, 'an answer that is not JSON');
    if (!this.options.unwrap) return parsed ?? null;
    const unwrapped = this.options.unwrap(parsed);
    if (!unwrapped.ok) throw this.error('PORTAL_REJECTED', req, res.status, unwrapped.message);
    return unwrapped.value;
  }

  private error(code: ErrorCode, req: PortalRequest, status: number | null, portalText: string, retryAfter?: string | null): CodedError {
    const message = this.mask(portalText);
    const details: Record<string, unknown> = { portal: this.options.portal, method: req.method, path: req.path, status, portalMessage: message };
    if (retryAfter) details.retryAfter = retryAfter;
    const what = status === null ? message : `${status}${message ? ` ${message}` : ''}`;
    return new CodedError(code, `${this.options.portal}: ${req.method} ${req.path} → ${what}`, details);
  }

  /** A portal may echo what we sent; the key must never reach a log or the audit trail. */
  private mask(value: string): string {
    const key = this.options.authHeader.value;
    return key ? value.split(key).join('***') : value;
  }
}

export function codeForStatus(status: number): ErrorCode {
  if (status === 401 || status === 403) return 'PORTAL_AUTH_FAILED';
  if (status === 404 || status === 410) return 'PORTAL_NOT_FOUND';
  if (status === 423) return 'PORTAL_LOCKED';
  if (status === 408 || status === 429 || status >= 500) return 'PORTAL_UNAVAILABLE';
  return 'PORTAL_REJECTED';
}

/** udata: `{message}` or `{errors:{field:[…]}}`; CKAN: `{error:{__type, message | field errors}}`; chunks: `{error}`. */
export function portalMessage(body: unknown): string | null {
  if (!isRecord(body)) return null;
  const parts: string[] = [];
  if (typeof body.message === 'string') parts.push(body.message);
  if (isRecord(body.errors)) parts.push(fieldErrors(body.errors));
  if (typeof body.error === 'string') parts.push(body.error);
  if (isRecord(body.error)) {
    const { __type, message, ...fields } = body.error;
    if (typeof __type === 'string') parts.push(__type);
    if (typeof message === 'string') parts.push(message);
    if (Object.keys(fields).length) parts.push(fieldErrors(fields));
  }
  return parts.length ? parts.join(': ').slice(0, 500) : null;
}

function fieldErrors(errors: Record<string, unknown>): string {
  return Object.entries(errors)
    .map(([field, msgs]) => `${field}: ${Array.isArray(msgs) ? msgs.map(String).join(', ') : JSON.stringify(msgs)}`)
    .join('; ');
}

function networkReason(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as { cause?: unknown }).cause;
  return cause instanceof Error ? cause.message : err.message;
}

function parseJson(text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
