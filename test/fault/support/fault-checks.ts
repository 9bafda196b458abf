import { createHash } from 'node:crypto';
import { buildDemoArchives } from '@openactes/demo-data';
import { parseCsv, writeActeArchive, writeTextPdf } from '@openactes/formats';
import { AuditLog } from '@openactes/persistence';
import type { DataSource } from 'typeorm';
import { eventually, postArchive } from '../../support/harness';

/** One archive a fault test sends: its bytes, the act it holds, and (once accepted) the act's id. */
export interface SentAct {
  data: Buffer;
  sha256: string;
  numeroInterne: string;
  actId?: string;
}

/**
 * Deliberations of one collectivity, numbered `<tag>_<n>`, from the demo
 * generator; `pages` makes the main document that many pages long, so that its
 * text extraction lasts long enough to be interrupted.
 */
export function faultActs(siren: string, tag: string, count: number, options: { seed: number; pages?: number }): SentAct[] {
  return buildDemoArchives({ seed: options.seed, count }).map(({ spec, deliberation }, i) => {
    const numeroInterne = `${tag}_${String(i + 1).padStart(3, '0')}`;
    const pages = options.pages ? Array.from({ length: options.pages }, (_, p) => deliberation.pages[p % deliberation.pages.length]!) : null;
    const { data } = writeActeArchive({
      ...spec,
      siren,
      departement: '035',
      numeroInterne,
      ...(pages ? { document: { data: writeTextPdf(pages, { title: spec.objet }), pieceType: '99_DE' } } : {}),
    });
    return { data, sha256: createHash('sha256').update(data).digest('hex'), numeroInterne };
  });
}

/** Posts an archive that must be accepted (202 new, 200 already known) and notes its act's id. */
export async function sendAct(baseUrl: string, act: SentAct): Promise<SentAct> {
  const res = await postArchive(baseUrl, act.data);
  if (res.status !== 202 && res.status !== 200) throw new Error(`archive ${act.numeroInterne}: HTTP ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { acts: { id: string }[] };
  act.actId = body.acts[0]!.id;
  return act;
}

export async function statuses(dataSource: DataSource, acts: SentAct[]): Promise<Record<string, string>> {
  const rows = (await dataSource.query('SELECT id, status FROM act WHERE id = ANY($1)', [acts.map((a) => a.actId)])) as { id: string; status: string }[];
  return Object.fromEntries(rows.map((r) => [r.id, r.status]));
}

export function countPublished(byId: Record<string, string>): number {
  return Object.values(byId).filter((s) => s === 'published').length;
}

export interface AuditRow {
  subjectId: string;
  action: string;
  outcome: string;
  details: Record<string, unknown>;
}

export async function actAudit(dataSource: DataSource, acts: SentAct[]): Promise<AuditRow[]> {
  return (await dataSource.query(
    `SELECT subject_id AS "subjectId", action, outcome, details FROM audit_event
      WHERE subject_type = 'act' AND subject_id = ANY($1) ORDER BY seq`,
    [acts.map((a) => a.actId)],
  )) as AuditRow[];
}

/** Audit events of a retried attempt: a failed or retrying attempt, or a step that succeeded on attempt 2 or later. */
export function retriesIn(events: AuditRow[]): AuditRow[] {
  return events.filter((e) => e.outcome === 'failed' || e.outcome === 'retrying' || Number(e.details.attempt ?? 1) > 1);
}

/**
 * What every fault test ends with: each act published, once; one SCDL record
 * per act; each act exactly once in the CSV of the API and in the latest
 * dataset version; every payload kept byte for byte; an unbroken audit chain.
 */
export async function expectPublishedExactlyOnce(ctx: { baseUrl: string; dataSource: DataSource; siren: string; acts: SentAct[]; timeoutMs?: number }): Promise<void> {
  const { baseUrl, dataSource, siren, acts } = ctx;
  const timeoutMs = ctx.timeoutMs ?? 45_000;
  const ids = acts.map((a) => a.actId);
  expect(ids.every(Boolean)).toBe(true);
  expect(new Set(ids).size).toBe(acts.length);

  const final = await eventually(() => statuses(dataSource, acts), (s) => countPublished(s) === acts.length, timeoutMs);
  expect(Object.keys(final)).toHaveLength(acts.length);

  const actRows = (await dataSource.query('SELECT numero_interne AS n FROM act WHERE siren = $1', [siren])) as { n: string }[];
  expect(actRows.map((r) => r.n).sort()).toEqual(acts.map((a) => a.numeroInterne).sort());

  const records = (await dataSource.query('SELECT act_id AS id, count(*)::int AS n FROM deliberation_record WHERE siren = $1 GROUP BY act_id', [siren])) as { id: string; n: number }[];
  expect(records.map((r) => r.id).sort()).toEqual([...ids].sort());
  expect(records.every((r) => r.n === 1)).toBe(true);

  const events = await actAudit(dataSource, acts);
  for (const id of ids) expect(events.filter((e) => e.subjectId === id && e.action === 'act.published' && e.outcome === 'ok')).toHaveLength(1);

  const delibIds = (csv: string) => {
    const [header, ...rows] = parseCsv(csv);
    return rows.map((r) => r[header!.indexOf('DELIB_ID')]).sort();
  };
  const expected = acts.map((a) => a.numeroInterne).sort();
  const apiCsv = await (await fetch(`${baseUrl}/api/v1/datasets/deliberations.csv?siren=${siren}`)).text();
  expect(delibIds(apiCsv)).toEqual(expected);

  const datasetId = `deliberations-${siren}`;
  await eventually(
    async () => {
      const res = await fetch(`${baseUrl}/api/v1/datasets/${datasetId}`);
      return res.status === 200 ? ((await res.json()) as { latestVersion: { rowCount: number } | null }).latestVersion?.rowCount : null;
    },
    (rowCount) => rowCount === acts.length,
    timeoutMs,
  );
  expect(delibIds(await (await fetch(`${baseUrl}/api/v1/datasets/${datasetId}/latest.csv`)).text())).toEqual(expected);

  const payloads = (await dataSource.query(
    `SELECT sha256, outcome, encode(sha256(content), 'hex') AS digest FROM received_payload WHERE sha256 = ANY($1)`,
    [acts.map((a) => a.sha256)],
  )) as { sha256: string; outcome: string; digest: string }[];
  expect(payloads).toHaveLength(acts.length);
  for (const p of payloads) expect(p).toEqual({ sha256: p.sha256, outcome: 'accepted', digest: p.sha256 });

  expect((await new AuditLog(dataSource).verify()).firstBrokenSeq).toBeNull();
}
