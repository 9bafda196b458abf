import { CodedError } from '@openactes/domain';

export interface S2lowClientOptions {
  /** e.g. https://s2low.example.org (a path prefix is kept). */
  baseUrl: string;
  /** HTTP Basic credentials; none when null. */
  username?: string | null;
  password?: string | null;
  /** Per call, answer included; default 60 s. */
  timeoutMs?: number;
  /** Largest answer accepted, default 100 MiB (an ACTES file is at most that). */
  maxBytes?: number;
  fetch?: typeof fetch;
}

/** One row of `list_actes.php`. */
export interface S2lowTransaction {
  id: string;
  subject: string;
  number: string;
  /** Decision date, YYYY-MM-DD. */
  date: string;
  natureDescr: string;
  classification: string;
  /** '1' for a transmission of an act; other types are letters and replies. */
  type: string;
}

export interface S2lowActesQuery {
  /** Transaction status, e.g. 4 (acquittement reçu). */
  statusId: number;
  offset: number;
  limit: number;
  /** YYYY-MM-DD, bounds on the date the transaction reached the status. */
  minDate?: string;
  maxDate?: string;
}

/** One row of `actes_transac_get_files_list.php`; the first is the Acte `_0.xml`. */
export interface S2lowFile {
  id: string;
  /** The name inside the ACTES archive, as the Acte XML names it. */
  name: string;
  /** The name the clerk uploaded. */
  postedFilename: string;
  mimetype: string;
  size: number;
  /** ACTES typology of the piece (e.g. 99_DE), or null. */
  codePj: string | null;
}

/** S²LOW transaction type of a transmitted act. */
export const S2LOW_ACT_TRANSACTION_TYPE = '1';

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;

/**
 * Client of the S²LOW ACTES API as Pastell uses it. Every failure is coded:
 * PLATFORM_UNAVAILABLE (retryable: network, timeout, 429, 5xx), PLATFORM_AUTH_FAILED
 * (401, 403, or S²LOW's own refusals), NOT_FOUND (404), PLATFORM_BAD_RESPONSE (anything
 * else unexpected). Credentials never appear in errors.
 */
export class S2lowClient {
  private readonly baseUrl: string;
  private readonly authorization: string | null;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly fetch: typeof fetch;

  constructor(options: S2lowClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.authorization = options.username
      ? `Basic ${Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64')}`
      : null;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.fetch = options.fetch ?? fetch;
  }

  async listActes(query: S2lowActesQuery, signal?: AbortSignal): Promise<S2lowTransaction[]> {
    const params = { status_id: query.statusId, offset: query.offset, limit: query.limit, min_date: query.minDate, max_date: query.maxDate };
    const path = '/modules/actes/api/list_actes.php';
    const body = await this.json(path, params, signal);
    const transactions = isRecord(body) ? body.transactions : undefined;
    if (!Array.isArray(transactions)) throw badResponse(path, 'no transactions array');
    return transactions.map((t: unknown) => {
      if (!isRecord(t) || !isId(t.id)) throw badResponse(path, 'a transaction without id');
      return {
        id: String(t.id),
        subject: text(t.subject),
        number: text(t.number),
        date: text(t.date),
        natureDescr: text(t.nature_descr),
        classification: text(t.classification),
        type: text(t.type),
      };
    });
  }

  async filesList(transactionId: string, signal?: AbortSignal): Promise<S2lowFile[]> {
    const path = '/modules/actes/actes_transac_get_files_list.php';
    const body = await this.json(path, { transaction: transactionId }, signal);
    if (!Array.isArray(body) || body.length === 0) throw badResponse(path, 'no files');
    return body.map((f: unknown) => {
      if (!isRecord(f) || !isId(f.id) || typeof f.name !== 'string' || !f.name) throw badResponse(path, 'a file without id or name');
      return {
        id: String(f.id),
        name: f.name,
        postedFilename: text(f.posted_filename),
        mimetype: text(f.mimetype),
        size: Number(f.size) || 0,
        codePj: text(f.code_pj) || null,
      };
    });
  }

  downloadFile(fileId: string, signal?: AbortSignal): Promise<Buffer> {
    return this.get('/modules/actes/actes_download_file.php', { file: fileId }, signal);
  }

  /** The prefecture's ARActe XML (the `id` parameter and `api=1` are what S²LOW reads). */
  arActe(transactionId: string, signal?: AbortSignal): Promise<Buffer> {
    return this.get('/modules/actes/actes_transac_get_ARActe.php', { id: transactionId, api: 1 }, signal);
  }

  private async json(path: string, params: Params, signal?: AbortSignal): Promise<unknown> {
    const body = await this.get(path, params, signal);
    try {
      return JSON.parse(body.toString('utf8')) as unknown;
    } catch {
      throw badResponse(path, 'malformed JSON');
    }
  }

  private async get(path: string, params: Params, signal?: AbortSignal): Promise<Buffer> {
    const url = new URL(this.baseUrl + path);
    for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, String(value));
    const timeout = AbortSignal.timeout(this.timeoutMs);
    let body: Buffer;
    try {
      const res = await this.fetch(url, {
        headers: { accept: 'application/json, application/xml, */*', ...(this.authorization ? { authorization: this.authorization } : {}) },
        // S²LOW answers some refusals with a redirect to an HTML page: never follow it.
        redirect: 'manual',
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      if (!res.ok) throw await statusError(path, res);
      if (Number(res.headers.get('content-length') ?? 0) > this.maxBytes) {
        await res.body?.cancel().catch(() => undefined);
        throw badResponse(path, `an answer over ${this.maxBytes} bytes`);
      }
      body = Buffer.from(await res.arrayBuffer());
    } catch (err) {
      if (err instanceof CodedError || signal?.aborted) throw err; // coded above, or cancelled by the caller
      const reason = timeout.aborted ? `no complete answer within ${this.timeoutMs} ms` : err instanceof Error ? (errorCause(err) ?? err.message) : String(err);
      throw new CodedError('PLATFORM_UNAVAILABLE', `${path}: ${reason}`, { path });
    }
    if (body.length > this.maxBytes) throw badResponse(path, `an answer over ${this.maxBytes} bytes`);
    const refusal = s2lowRefusal(body);
    if (refusal) throw refusal.auth ? new CodedError('PLATFORM_AUTH_FAILED', `${path}: ${refusal.message}`, { path }) : badResponse(path, refusal.message);
    return body;
  }
}

type Params = Record<string, string | number | undefined>;

async function statusError(path: string, res: Response): Promise<CodedError> {
  await res.body?.cancel().catch(() => undefined);
  const details = { path, status: res.status };
  if (res.status === 401 || res.status === 403) return new CodedError('PLATFORM_AUTH_FAILED', `${path}: the platform refused our credentials (${res.status})`, details);
  if (res.status === 404) return new CodedError('NOT_FOUND', `${path}: not found on the platform`, details);
  if (res.status === 408 || res.status === 429 || res.status >= 500) {
    return new CodedError('PLATFORM_UNAVAILABLE', `${path}: the platform answered ${res.status}`, { ...details, retryAfter: res.headers.get('retry-after') });
  }
  if (res.status >= 300 && res.status < 400 && /connexion/i.test(res.headers.get('location') ?? '')) {
    return new CodedError('PLATFORM_AUTH_FAILED', `${path}: the platform redirected to its login page`, details);
  }
  return new CodedError('PLATFORM_BAD_RESPONSE', `${path}: unexpected status ${res.status}`, details);
}

/** S²LOW reports most errors as a 200 whose body is `KO\n<message>`. */
function s2lowRefusal(body: Buffer): { auth: boolean; message: string } | null {
  if (body.subarray(0, 3).toString('latin1') !== 'KO\n' && body.subarray(0, 4).toString('latin1') !== 'KO\r\n') return null;
  const message = body.subarray(0, 300).toString('utf8').replace(/^KO\r?\n/, '').trim();
  return { auth: /authentification|accès refusé|acces refuse/i.test(message), message: message || 'KO' };
}

function badResponse(path: string, what: string): CodedError {
  return new CodedError('PLATFORM_BAD_RESPONSE', `${path}: ${what}`, { path });
}

function errorCause(err: Error): string | undefined {
  const cause = (err as { cause?: unknown }).cause;
  return cause instanceof Error ? cause.message : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isId(value: unknown): value is string | number {
  return (typeof value === 'string' && value.length > 0) || (typeof value === 'number' && Number.isFinite(value));
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}
