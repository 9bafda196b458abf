import { createHash, randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { datasetChangedSignal, type PublishDatasetInput } from '@openactes/contracts';
import { Parser } from 'n3';
import { buildDemoArchives } from '@openactes/demo-data';
import { sirenIsValid, siretIsValid } from '@openactes/domain';
import { parseCsv, SCDL_DELIBERATIONS_SCHEMA, validateTable, writeActeArchive, writeAnnulationArchive, writePrefectureArchive, type OutgoingActSpec } from '@openactes/formats';
import { PortalStore, TenantStore } from '@openactes/persistence';
import { FakeUdata } from '../support/fake-udata';
import { eventually, openStores, postArchive, startGateway, startWorker, testConfig, type RunningGateway, type RunningWorker } from '../support/harness';

/** A collectivity of this test only (valid SIREN and SIRET), so that its datasets are its own. */
function collectivity(prefix: string): { siren: string; siret: string } {
  for (let d = 0; d < 10; d++) {
    const siren = `${prefix}${d}`;
    if (!sirenIsValid(siren)) continue;
    for (let n = 0; n < 10; n++) {
      const siret = `${siren}0001${n}`;
      if (siretIsValid(siret)) return { siren, siret };
    }
  }
  throw new Error('no valid SIREN');
}

interface DatasetView {
  id: string;
  latestVersion: { number: number; rowCount: number; csvSha256: string; quarantined: number; quarantine: Record<string, number>; csv: string } | null;
}

/**
 * Versioned datasets through gateway, Temporal and PostgreSQL: a burst of acts
 * gives a few versions, a cancellation removes the act from the next version,
 * its changes, its feed and the portal; files are immutable and hashed.
 */
// Each step waits for the pipeline and a debounced regeneration: slow when the whole suite shares two cores.
jest.setTimeout(300_000);

describe('versioned datasets (gateway + Temporal + worker + PostgreSQL + a fake udata)', () => {
  const config = testConfig({ DATASET_DEBOUNCE: '1s', DATASET_MAX_DELAY: '5s' });
  const { siren, siret } = collectivity('21777000');
  const unregistered = collectivity('21888000');
  const udata = new FakeUdata();
  let stores: Awaited<ReturnType<typeof openStores>>;
  let gateway: RunningGateway;
  let worker: RunningWorker;
  const specs: OutgoingActSpec[] = buildDemoArchives({ seed: 4242, count: 8 }).map(({ spec }, i) => ({
    ...spec,
    siren,
    departement: '035',
    numeroInterne: `DS2026_${String(i + 1).padStart(3, '0')}`,
    objet: i === 0 ? 'Aménagement du belvédère de la Rance' : spec.objet,
  }));

  beforeAll(async () => {
    stores = await openStores(config);
    const tenants = new TenantStore(stores.dataSource, stores.audit);
    await tenants.upsertCollectivity({ siren, siret, name: 'Commune de Test-Versions' }, 'test');
    await tenants.upsertCollectivity({ siren: unregistered.siren, name: 'Commune sans SIRET' }, 'test');
    udata.organizations.add('org-syndicat');
    await udata.start();
    await new PortalStore(stores.dataSource, stores.audit, config.secrets).add(
      { kind: 'udata', name: 'udata-test', baseUrl: udata.apiUrl, apiKey: udata.apiKey, organization: 'org-syndicat', siren },
      'test',
    );
    gateway = await startGateway(config);
    worker = await startWorker(config, stores.dataSource);
  });

  afterAll(async () => {
    await worker?.stop();
    await gateway?.stop();
    await udata.stop();
    await stores?.dataSource.destroy();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${gateway.baseUrl}${path}`, { headers });
  const dataset = async (id: string) => {
    const res = await get(`/api/v1/datasets/${id}`);
    return res.status === 200 ? ((await res.json()) as DatasetView) : null;
  };
  const versions = async (id: string) => (await (await get(`/api/v1/datasets/${id}/versions`)).json()) as { number: number; rowCount: number; added: number; removed: number }[];
  const post = async (data: Buffer) => (await (await postArchive(gateway.baseUrl, data)).json()) as { acts: { id: string }[] };

  let actIds: string[] = [];

  it('turns a burst of acts into a few versions, with immutable, hashed files that pass the schema', async () => {
    actIds = (await Promise.all(specs.map(async (spec) => (await post(writeActeArchive(spec).data)).acts[0].id)));
    const id = `deliberations-${siren}`;
    const latest = await eventually(() => dataset(id), (d) => d?.latestVersion?.rowCount === specs.length, 120_000);
    const all = await versions(id);
    expect(all.length).toBeLessThanOrEqual(4);
    expect(all[0]).toMatchObject({ number: latest!.latestVersion!.number, rowCount: specs.length });

    const file = await get(`/api/v1/datasets/${id}/versions/${latest!.latestVersion!.number}.csv`);
    const body = Buffer.from(await file.arrayBuffer());
    expect(file.headers.get('cache-control')).toContain('immutable');
    expect(createHash('sha256').update(body).digest('hex')).toBe(latest!.latestVersion!.csvSha256);
    const [header, ...rows] = parseCsv(body.toString('utf8'));
    expect(validateTable(SCDL_DELIBERATIONS_SCHEMA, header, rows).errors).toEqual([]);
    expect(rows.map((r) => r[header.indexOf('COLL_SIRET')])).toEqual(Array(specs.length).fill(siret));

    const etag = (await get(`/api/v1/datasets/${id}/latest.csv`)).headers.get('etag')!;
    expect(etag).toBe(`"${latest!.latestVersion!.csvSha256}"`);
    expect((await get(`/api/v1/datasets/${id}/latest.csv`, { 'if-none-match': etag })).status).toBe(304);
    const json = (await (await get(`/api/v1/datasets/${id}/latest.json`)).json()) as Record<string, string>[];
    expect(json.map((r) => r.DELIB_ID).sort()).toEqual(specs.map((s) => s.numeroInterne).sort());
  });

  it('pages records by cursor, filters them and searches the published texts in French', async () => {
    const id = `actes-${siren}`;
    await eventually(() => dataset(id), (d) => d?.latestVersion?.rowCount === specs.length, 120_000);
    const keys: string[] = [];
    let next: string | null = `/api/v1/datasets/${id}/records?limit=3`;
    while (next) {
      const page = (await (await get(next.replace(gateway.baseUrl, '').replace(/^http:\/\/localhost:\d+/, ''))).json()) as { items: { key: string }[]; next: string | null };
      keys.push(...page.items.map((i) => i.key));
      next = page.next;
    }
    expect(keys.sort()).toEqual([...actIds].sort());
    // Stemming and accents: "belvedere amenagements" finds "Aménagement du belvédère".
    const found = (await (await get(`/api/v1/datasets/${id}/records?q=${encodeURIComponent('belvedere amenagements')}`)).json()) as { items: { key: string }[] };
    expect(found.items.map((i) => i.key)).toEqual([actIds[0]]);
    const byMatiere = (await (await get(`/api/v1/datasets/${id}/records?matiere=${specs[1].matieres[0]}&limit=1000`)).json()) as { items: { row: Record<string, string> }[] };
    expect(byMatiere.items.length).toBeGreaterThan(0);
    expect(byMatiere.items.every((i) => i.row.MATIERE_CODE.startsWith(`${specs[1].matieres[0]}.`))).toBe(true);
    expect((await get(`/api/v1/datasets/${id}/records?from=not-a-date`)).status).toBe(400);
  });

  it('removes a cancelled act from the next version, its changes, its feed, the catalogue date and the portal', async () => {
    const id = `deliberations-${siren}`;
    const before = (await dataset(id))!.latestVersion!;
    const catalogueBefore = await (await get('/catalog.ttl')).text();
    const spec = specs[2];
    const idActe = `035-${siren}-${spec.date.replaceAll('-', '')}-${spec.numeroInterne}-DE`;
    await post(writePrefectureArchive({ siren, departement: '035', date: '2030-01-10', messages: [{ kind: 'ARActe', act: spec, dateReception: '2030-01-09' }] }).data);
    await post(writeAnnulationArchive({ idActe, transmissionDate: '2030-02-01' }).data);

    const after = await eventually(() => dataset(id), (d) => d!.latestVersion!.rowCount === specs.length - 1, 120_000);
    const changes = (await (await get(`/api/v1/datasets/${id}/changes?since=${before.number}`)).json()) as { removed: string[]; added: string[]; changed: string[] };
    expect(changes.removed).toEqual([actIds[2]]);
    expect(changes.added).toEqual([]);
    // The act says when it was published online and which versions it appeared in.
    const act = (await (await get(`/api/v1/acts/${actIds[2]}`)).json()) as { publishedAt: string; datasetVersions: { datasetId: string; fromVersion: number; toVersion: number | null }[] };
    expect(act.publishedAt).toEqual(expect.any(String));
    expect(act.datasetVersions).toContainEqual({ datasetId: id, fromVersion: expect.any(Number), toVersion: after!.latestVersion!.number - 1 });
    expect(act.datasetVersions.find((v) => v.datasetId === `actes-${siren}`)).toMatchObject({ toVersion: expect.any(Number) });
    const latestCsv = await (await get(`/api/v1/datasets/${id}/latest.csv`)).text();
    expect(latestCsv).not.toContain(spec.numeroInterne);
    // The version before the cancellation is still served exactly as it was.
    expect(await (await get(`/api/v1/datasets/${id}/versions/${before.number}.csv`)).text()).toContain(spec.numeroInterne);

    const feed = await (await get(`/api/v1/datasets/${id}/feed.atom`)).text();
    expect(feed).toContain(`/api/v1/datasets/${id}/versions/${after!.latestVersion!.number}.csv`);

    const quads = new Parser().parse(await (await get('/catalog.ttl')).text());
    const modified = (text: string) => new Parser().parse(text).filter((q) => q.subject.value.endsWith(`/datasets/${id}`) && q.predicate.value === 'http://purl.org/dc/terms/modified').map((q) => q.object.value);
    expect(quads.length).toBeGreaterThan(0);
    expect(modified(catalogueBefore)).not.toEqual(modified(await (await get('/catalog.ttl')).text()));
    expect(JSON.parse(await (await get('/catalog.jsonld')).text())).toHaveProperty('@context');

    // The portal got the new version: the resource (same id) no longer holds the act.
    const portalCsv = await eventually(
      () => {
        const remote = [...udata.datasets.values()].find((d) => d.title.includes('Délibérations'));
        const resource = remote?.resources.find((r) => r.format === 'csv');
        return Promise.resolve(resource ? (udata.content(resource.id)?.toString('utf8') ?? '') : '');
      },
      (csv) => csv.includes(specs[0].numeroInterne) && !csv.includes(spec.numeroInterne),
      120_000,
    );
    expect(portalCsv).toContain(siret);
    const onPortals = await eventually(
      async () => ((await (await get(`/api/v1/datasets/${id}`)).json()) as { portals: { portal: string; status: string; lastVersion: number }[] }).portals,
      (portals) => portals.some((p) => p.lastVersion === after!.latestVersion!.number),
      120_000,
    );
    expect(onPortals).toEqual([expect.objectContaining({ portal: 'udata-test', status: 'published', lastVersion: after!.latestVersion!.number })]);
  });

  it('keeps the rows of a collectivity without a registered SIRET out of the SCDL dataset, and says why', async () => {
    const spec = { ...specs[3], siren: unregistered.siren, numeroInterne: 'NOSIRET1' };
    const { acts } = await post(writeActeArchive(spec).data);
    await eventually(() => dataset(`actes-${unregistered.siren}`), (d) => d?.latestVersion?.rowCount === 1, 120_000);
    const deliberations = await eventually(() => dataset(`deliberations-${unregistered.siren}`), (d) => d?.latestVersion !== null && d !== null, 120_000);
    expect(deliberations!.latestVersion).toMatchObject({ rowCount: 0, quarantined: 1, quarantine: { 'COLL_SIRET:required': 1 } });
    expect(await (await get(`/api/v1/datasets/deliberations.csv?siren=${unregistered.siren}`)).text()).not.toContain('NOSIRET1');
    expect(acts).toHaveLength(1);
  });

  it('continues as new when its history grows, carrying pending changes over', async () => {
    const client = new Client({ connection: await Connection.connect({ address: config.temporal.address }) });
    try {
      const datasetId = `actes-${siren}`;
      const workflowId = `dataset-history-${randomUUID()}`;
      const since = new Date();
      const input: PublishDatasetInput = { datasetId, debounceMs: 10, maxDelayMs: 50, historyLimit: 10 };
      const start = () =>
        client.workflow.signalWithStart('publishDatasetWorkflow', {
          workflowId, taskQueue: config.temporal.taskQueue,
          args: [input],
          signal: datasetChangedSignal, signalArgs: [{ reason: 'test' }],
        });
      const handle = await start();
      const firstRunId = handle.signaledRunId;
      await eventually(async () => (await client.workflow.getHandle(workflowId).describe()).runId, (runId) => runId !== firstRunId, 120_000);
      // The new run still answers changes: each one ends in a regeneration (no change: no version, audited).
      await start();
      const regenerations = await eventually(
        async () => (await stores.audit.forSubject('dataset', datasetId)).filter((e) => e.action === 'dataset.unchanged' && e.at >= since).length,
        (n) => n >= 2,
        120_000,
      );
      expect(regenerations).toBeGreaterThanOrEqual(2);
      await client.workflow.getHandle(workflowId).terminate('test done');
    } finally {
      await client.connection.close();
    }
  });

  it('answers unknown datasets and bad parameters with coded errors', async () => {
    const missing = await get('/api/v1/datasets/deliberations-000000000/versions');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('NOT_FOUND');
    expect((await get(`/api/v1/datasets/deliberations-${siren}/changes`)).status).toBe(400);
    expect((await get(`/api/v1/datasets/deliberations-${siren}/versions/abc.csv`)).status).toBe(404);
    expect((await get('/api/v1/datasets?pageSize=1000')).status).toBe(400);
    const catalogue = (await (await get(`/api/v1/datasets?siren=${siren}`)).json()) as { items: { id: string }[] };
    expect(catalogue.items.map((d) => d.id).sort()).toEqual([`actes-${siren}`, `deliberations-${siren}`]);
  });
});
