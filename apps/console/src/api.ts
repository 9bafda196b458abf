/** The gateway's JSON API, same origin; the session is the HttpOnly cookie, writes carry the CSRF token. */

export type Role = 'admin' | 'reviewer' | 'clerk';
export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  sirens: string[];
}
export interface Session {
  user: User;
  csrfToken: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const json: unknown = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const err = (json ?? {}) as { code?: string; message?: string; details?: unknown };
    throw new ApiError(res.status, err.code ?? `HTTP_${res.status}`, err.message ?? res.statusText, err.details);
  }
  return json as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const ACT_STATUSES = ['received', 'processing', 'held_for_review', 'published', 'rejected', 'failed', 'withdrawn'] as const;
export type ActStatus = (typeof ACT_STATUSES)[number];

export interface Stats {
  total: Partial<Record<ActStatus, number>>;
  bySiren: { siren: string; name: string; counts: Partial<Record<ActStatus, number>> }[];
  publicationLag: { p50Seconds: number | null; p95Seconds: number | null };
  failuresLast24h: number;
}

export interface ActSummary {
  id: string;
  siren: string;
  collectivityName: string | null;
  numeroInterne: string;
  nature: string;
  objet: string | null;
  status: ActStatus;
  failureCode: string | null;
  decisionDate: string;
  updatedAt: string;
}
export interface ActPage {
  items: ActSummary[];
  nextCursor: string | null;
}

export interface ActDocument {
  id: string;
  role: 'main' | 'annex';
  fileName: string;
  pieceType: string | null;
  mediaType: string;
  sha256: string;
  sizeBytes: number;
  pageCount: number | null;
  publish?: boolean | null;
}
export interface PublishedDocument {
  id: string;
  url: string;
  publishedAs: 'original' | 'regenerated';
  sizeBytes: number;
  publishedAt: string;
}
export interface ActStep {
  at: string;
  action: string;
  outcome: string;
  actor: string;
  details: Record<string, unknown>;
}
export interface Act {
  id: string;
  actKey: string;
  siren: string;
  numeroInterne: string;
  decisionDate: string;
  nature: string;
  classificationCode: string;
  objet: string | null;
  publishedObjet: string | null;
  status: ActStatus;
  failure: { code: string; message: string } | null;
  publishedAt: string | null;
  workflowId: string;
  warnings: string[];
  documents: ActDocument[];
  publishedDocuments: PublishedDocument[];
  steps: ActStep[];
}

export interface Entity {
  start: number;
  end: number;
  label: string;
  action: 'redact' | 'keep';
}
export interface ReviewText {
  documentId: string;
  text: string;
  entities: Entity[];
}
export interface Correction {
  start: number;
  end: number;
  action: 'redact' | 'keep';
  label?: string;
}

export interface Collectivity {
  siren: string;
  name: string;
  siret?: string | null;
}
export interface PlatformToken {
  id: string;
  platform?: string;
  platformName?: string;
  sirens: string[] | '*';
  createdAt?: string;
  revokedAt?: string | null;
}

export interface DatasetVersion {
  number: number;
  createdAt: string;
  rowCount: number;
  added: number;
  removed: number;
  quarantined: number;
  csv: string;
}
export interface Dataset {
  id: string;
  type: string;
  siren: string | null;
  title: string;
  modifiedAt: string;
  latestVersion: DatasetVersion | null;
  portals?: { portal: string; status: string; url?: string | null }[];
}

export interface Backfill {
  id?: string;
  total: number;
  done: number;
  failed: number;
  status: string;
}

export interface ConsoleConfig {
  temporalUiUrl: string | null;
  namespace: string;
}

/** Lists answered either as an array or as `{ items }`. */
export function itemsOf<T>(value: T[] | { items: T[] }): T[] {
  return Array.isArray(value) ? value : value.items;
}
