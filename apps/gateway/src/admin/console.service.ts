import { Injectable } from '@nestjs/common';
import { ACT_STATUSES, CodedError, type ActStatus } from '@openactes/domain';
import { DataSource } from 'typeorm';

export interface StatsDto {
  total: Record<string, number>;
  bySiren: { siren: string; name: string; counts: Record<string, number> }[];
  publicationLag: { p50Seconds: number | null; p95Seconds: number | null };
  failuresLast24h: number;
}

export interface ActListItem {
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

/** The read models of the supervision console, in SQL over the act and collectivity tables. */
@Injectable()
export class ConsoleService {
  constructor(private readonly dataSource: DataSource) {}

  async stats(sirens: string[] | null): Promise<StatsDto> {
    const rows = (await this.dataSource.query(
      `SELECT a.siren, coalesce(c.name, a.siren) AS name, a.status, count(*)::int AS n
         FROM act a LEFT JOIN collectivity c ON c.siren = a.siren
        WHERE $1::text[] IS NULL OR a.siren = ANY($1::text[])
        GROUP BY a.siren, c.name, a.status ORDER BY a.siren`,
      [sirens],
    )) as { siren: string; name: string; status: string; n: number }[];
    const total = zeroCounts();
    const bySiren = new Map<string, { siren: string; name: string; counts: Record<string, number> }>();
    for (const r of rows) {
      total[r.status] = (total[r.status] ?? 0) + r.n;
      const entry = bySiren.get(r.siren) ?? { siren: r.siren, name: r.name, counts: zeroCounts() };
      entry.counts[r.status] = r.n;
      bySiren.set(r.siren, entry);
    }
    const [lag] = (await this.dataSource.query(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM published_at - created_at)) AS p50,
              percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM published_at - created_at)) AS p95
         FROM act WHERE published_at IS NOT NULL AND ($1::text[] IS NULL OR siren = ANY($1::text[]))`,
      [sirens],
    )) as { p50: number | null; p95: number | null }[];
    const [failures] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM act WHERE status = 'failed' AND updated_at > now() - interval '24 hours' AND ($1::text[] IS NULL OR siren = ANY($1::text[]))`,
      [sirens],
    )) as { n: number }[];
    const round = (v: number | null) => (v === null ? null : Math.round(Number(v) * 1000) / 1000);
    return { total, bySiren: [...bySiren.values()], publicationLag: { p50Seconds: round(lag.p50), p95Seconds: round(lag.p95) }, failuresLast24h: failures.n };
  }

  async acts(filter: { sirens: string[] | null; status?: string; cursor?: string; limit: number }): Promise<{ items: ActListItem[]; nextCursor: string | null }> {
    if (filter.status !== undefined && !(ACT_STATUSES as readonly string[]).includes(filter.status)) {
      throw new CodedError('VALIDATION_FAILED', `Unknown status ${filter.status}`, { status: filter.status, allowed: ACT_STATUSES });
    }
    const after = filter.cursor === undefined ? null : decodeCursor(filter.cursor);
    const rows = (await this.dataSource.query(
      `SELECT a.id, a.siren, c.name AS collectivity_name, a.numero_interne, a.nature, a.objet, a.status, a.failure_code, a.decision_date, a.updated_at, a.updated_at::text AS updated_exact
         FROM act a LEFT JOIN collectivity c ON c.siren = a.siren
        WHERE ($1::text[] IS NULL OR a.siren = ANY($1::text[]))
          AND ($2::text IS NULL OR a.status = $2)
          AND ($3::timestamptz IS NULL OR (a.updated_at, a.id) < ($3::timestamptz, $4::uuid))
        ORDER BY a.updated_at DESC, a.id DESC LIMIT $5`,
      [filter.sirens, filter.status ?? null, after?.updatedAt ?? null, after?.id ?? null, filter.limit + 1],
    )) as Record<string, unknown>[];
    const page = rows.slice(0, filter.limit);
    const items = page.map((r) => ({
      id: r.id as string,
      siren: (r.siren as string).trim(),
      collectivityName: (r.collectivity_name as string | null) ?? null,
      numeroInterne: r.numero_interne as string,
      nature: r.nature as string,
      objet: r.objet as string,
      status: r.status as ActStatus,
      failureCode: r.failure_code as string | null,
      decisionDate: r.decision_date as string,
      updatedAt: (r.updated_at as Date).toISOString(),
    }));
    const last = page[page.length - 1];
    const nextCursor = rows.length > filter.limit && last ? encodeCursor(last.updated_exact as string, last.id as string) : null;
    return { items, nextCursor };
  }
}

function zeroCounts(): Record<string, number> {
  return Object.fromEntries(ACT_STATUSES.map((s) => [s, 0]));
}

/** The exact (microsecond) timestamp as PostgreSQL prints it, so that no row is skipped between pages. */
function encodeCursor(updatedAt: string, id: string): string {
  return Buffer.from(`${updatedAt}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { updatedAt: string; id: string } {
  const [updatedAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!updatedAt || Number.isNaN(Date.parse(updatedAt)) || !/^[0-9a-f-]{36}$/.test(id ?? '')) throw new CodedError('VALIDATION_FAILED', 'Unknown cursor', { cursor });
  return { updatedAt, id };
}
