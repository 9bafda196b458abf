import { PortalStore } from '@openactes/persistence';
import { FakeUdata } from '../support/fake-udata';
import { eventually, openStores, registerCollectivities, startGateway, startWorker, testConfig, type RunningGateway, type RunningWorker } from '../support/harness';
import { expectPublishedExactlyOnce, faultActs, sendAct } from './support/fault-checks';
import { FAULT_ENV, faultCollectivitySiren } from './support/fault-stack';
import { LossyPortalProxy } from './support/lossy-portal-proxy';

/**
 * The portal (a udata over HTTP, behind a lossy proxy) answers 503, then
 * not at all (past the publisher's timeout), then stores an upload whose
 * answer is lost, then works: the dataset version reaches it, once, and the
 * audit trail shows every failed attempt.
 */
describe('fault: portal answering 503, timing out and losing an answer', () => {
  const config = testConfig({ ...FAULT_ENV, PORTAL_TIMEOUT: '2s' });
  const siren = faultCollectivitySiren();
  const datasetId = `deliberations-${siren}`;
  const udata = new FakeUdata();
  let proxy: LossyPortalProxy;
  let stores: Awaited<ReturnType<typeof openStores>>;
  let gateway: RunningGateway;
  let worker: RunningWorker;
  let portalId: string;

  beforeAll(async () => {
    stores = await openStores(config);
    await registerCollectivities(stores.dataSource, [siren]);
    udata.organizations.add('org-faults');
    await udata.start();
    proxy = await new LossyPortalProxy(udata.baseUrl, { title: /^Délibérations/, byRank: { 1: 'unavailable', 2: 'no-answer' }, loseFirstUploadAnswer: true }).start();
    ({ id: portalId } = await new PortalStore(stores.dataSource, stores.audit, config.secrets).add(
      { kind: 'udata', name: `udata-faults-${siren}`, baseUrl: proxy.apiUrl(udata.apiUrl), apiKey: udata.apiKey, organization: 'org-faults', siren },
      'test',
    ));
    gateway = await startGateway(config);
    worker = await startWorker(config, stores.dataSource);
  });

  afterAll(async () => {
    await worker?.stop();
    await gateway?.stop();
    await proxy?.stop();
    await udata.stop();
    await new PortalStore(stores.dataSource, stores.audit, config.secrets).remove(portalId, 'test').catch(() => undefined);
    await stores?.dataSource.destroy();
  });

  it('publishes the latest dataset version to the portal exactly once, every failed attempt audited', async () => {
    const acts = faultActs(siren, 'PORT', 6, { seed: 7301 });
    await Promise.all(acts.map((act) => sendAct(gateway.baseUrl, act)));
    await expectPublishedExactlyOnce({ baseUrl: gateway.baseUrl, dataSource: stores.dataSource, siren, acts });
    const latest = ((await (await fetch(`${gateway.baseUrl}/api/v1/datasets/${datasetId}`)).json()) as { latestVersion: { number: number } }).latestVersion.number;

    const portals = new PortalStore(stores.dataSource, stores.audit, config.secrets);
    const state = await eventually(() => portals.datasetState(portalId, datasetId), (s) => s?.status === 'published' && s.lastVersion === latest, 55_000);
    expect(proxy.faults.map((f) => f.fault)).toEqual(['unavailable', 'no-answer', 'answer-lost']);

    // One remote dataset, one resource per file: the upload whose answer was lost was not made twice.
    const remote = [...udata.datasets.values()].filter((d) => d.title.startsWith('Délibérations') && d.organization === 'org-faults');
    expect(remote.map((d) => d.id)).toEqual([state!.remoteDatasetId]);
    const formats = remote[0]!.resources.map((r) => r.format).sort();
    expect(formats).toEqual([...new Set(formats)]);
    expect(Object.values(state!.resources).sort()).toEqual(remote[0]!.resources.map((r) => r.id).sort());
    const csv = remote[0]!.resources.find((r) => r.format === 'csv')!;
    expect(udata.content(csv.id)?.toString('utf8')).toBe(await (await fetch(`${gateway.baseUrl}/api/v1/datasets/${datasetId}/versions/${latest}.csv`)).text());

    // The actes dataset went to the same portal untouched by the faults, once too.
    expect([...udata.datasets.values()].filter((d) => d.organization === 'org-faults')).toHaveLength(2);

    const trail = (await stores.audit.forSubject('dataset', datasetId)).filter((e) => e.action === 'dataset.portal_published' && e.details.portalId === portalId);
    const failed = trail.filter((e) => e.outcome === 'failed');
    expect(failed.map((e) => e.details.code)).toEqual(['PORTAL_UNAVAILABLE', 'PORTAL_UNAVAILABLE', 'PORTAL_UNAVAILABLE']);
    expect(trail.some((e) => e.outcome === 'ok' && Number(e.details.attempt) > 1)).toBe(true);
  }, 120_000);
});
