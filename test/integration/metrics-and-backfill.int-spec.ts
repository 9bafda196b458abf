import { writeActeArchive, writeTextPdf } from '@openactes/formats';
import { eventually, loginAs, openStores, postArchive, registerCollectivities, startGateway, startWorker, testConfig, type LoggedIn, type RunningGateway, type RunningWorker } from '../support/harness';

/** Prometheus /metrics (METRICS_TOKEN), and a backfill re-running the pipeline of a collectivity's acts as a Temporal workflow. */
describe('metrics and backfill', () => {
  const config = testConfig({ METRICS_TOKEN: 'metrics-secret-0123456789' });
  const siren = '212909519';
  let stores: Awaited<ReturnType<typeof openStores>>;
  let gateway: RunningGateway;
  let worker: RunningWorker;
  let admin: LoggedIn;
  const acts: string[] = [];

  beforeAll(async () => {
    stores = await openStores(config);
    await registerCollectivities(stores.dataSource, [siren]);
    gateway = await startGateway(config);
    worker = await startWorker(config, stores.dataSource);
    admin = await loginAs(gateway.baseUrl, stores.dataSource, 'admin');
    for (const n of [1, 2, 3]) {
      const pdf = writeTextPdf([[
        'Commune de Test, séance du conseil municipal du 12 février 2025.',
        'Vu le code général des collectivités territoriales, et notamment ses articles L2121-29 et suivants,',
        'Le conseil municipal fixe les tarifs de la cantine scolaire pour l’année à venir, à l’unanimité.',
      ]]);
      const { data } = writeActeArchive({ siren, departement: '029', date: '2025-02-12', numeroInterne: `METRICS_${n}`, nature: 'DE', matieres: [7, 1], objet: `Tarifs ${n}`, document: { data: pdf, pieceType: '99_DE' } });
      const res = await postArchive(gateway.baseUrl, data);
      acts.push(((await res.json()) as { acts: { id: string }[] }).acts[0].id);
    }
    for (const id of acts) await eventually(async () => ((await (await fetch(`${gateway.baseUrl}/api/v1/acts/${id}`)).json()) as { status: string }).status, (s) => s === 'published');
  }, 90_000);

  afterAll(async () => {
    await worker?.stop();
    await gateway?.stop();
    await stores?.dataSource.destroy();
  });

  it('exposes acts by status, step durations, retries, publication lag and backlog in the Prometheus format, behind METRICS_TOKEN', async () => {
    expect((await fetch(`${gateway.baseUrl}/metrics`)).status).toBe(401);
    expect((await fetch(`${gateway.baseUrl}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    // Other test files publish acts meanwhile: the figures must lie between a count taken before and one taken after.
    const counts = async () =>
      ((await stores.dataSource.query(
        `SELECT count(*) FILTER (WHERE status = 'published')::int AS published, count(*) FILTER (WHERE published_at IS NOT NULL)::int AS "everPublished" FROM act`,
      )) as { published: number; everPublished: number }[])[0];
    const before = await counts();
    const res = await fetch(`${gateway.baseUrl}/metrics`, { headers: { authorization: 'Bearer metrics-secret-0123456789' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    const text = await res.text();
    const after = await counts();
    expect(text).toContain('# TYPE openactes_acts gauge');
    const published = Number(/^openactes_acts\{status="published"\} (\d+)$/m.exec(text)?.[1]);
    expect(published).toBeGreaterThanOrEqual(Math.min(before.published, after.published));
    expect(published).toBeLessThanOrEqual(Math.max(before.published, after.published));
    expect(text).toMatch(/^openactes_acts\{status="withdrawn"\} \d+$/m);
    expect(text).toContain('# TYPE openactes_step_duration_seconds histogram');
    expect(text).toMatch(/^openactes_step_duration_seconds_bucket\{step="act\.text_extracted",le="\+Inf"\} [1-9]\d*$/m);
    expect(text).toContain('# TYPE openactes_activity_retries_total counter');
    const lagCount = Number(/^openactes_publication_lag_seconds_count (\d+)$/m.exec(text)?.[1]);
    expect(lagCount).toBeGreaterThanOrEqual(before.everPublished);
    expect(lagCount).toBeLessThanOrEqual(after.everPublished);
    expect(text).toContain('# TYPE openactes_task_queue_backlog gauge');
    expect(text).toMatch(/^process_resident_memory_bytes \d+$/m);
    // Every sample line is NAME{labels} VALUE.
    for (const line of text.trim().split('\n').filter((l) => !l.startsWith('#'))) expect(line).toMatch(/^[a-z_]+(\{[^}]*\})? ([-+\d.eE]+|NaN|\+Inf)$/);
  });

  it('backfills a collectivity\'s acts of some years as child workflows, with progress, and leaves published acts published', async () => {
    const start = await fetch(`${gateway.baseUrl}/api/v1/backfill`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ siren, fromYear: 2025, toYear: 2025 }),
    });
    expect(start.status).toBe(202);
    const { id, total } = (await start.json()) as { id: string; total: number };
    expect(id).toBe(`backfill-${siren}-1`);
    expect(total).toBe(3);
    const progress = await eventually(
      async () => (await (await fetch(`${gateway.baseUrl}/api/v1/backfill/${id}`, { headers: { cookie: admin.cookie } })).json()) as { total: number; done: number; failed: number; status: string },
      (p) => p.status === 'completed',
    );
    expect(progress).toEqual({ total: 3, done: 3, failed: 0, status: 'completed' });
    // Published acts stay published (the pipeline's first step leaves them), and each ran as a new child workflow.
    const statuses = (await stores.dataSource.query(`SELECT status FROM act WHERE id = ANY($1)`, [acts])) as { status: string }[];
    expect(statuses.map((s) => s.status)).toEqual(['published', 'published', 'published']);
    const empty = await fetch(`${gateway.baseUrl}/api/v1/backfill`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ siren, fromYear: 2020, toYear: 2021 }),
    });
    expect(((await empty.json()) as { total: number }).total).toBe(0);
    const trail = (await stores.audit.forSubject('collectivity', siren)).filter((e) => e.action === 'backfill.started');
    expect(trail.map((e) => e.details.workflowId)).toEqual([`backfill-${siren}-1`, `backfill-${siren}-2`]);
  });
});
