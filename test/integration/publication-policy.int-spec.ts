import { runCli } from '@openactes/cli';
import { writeActeArchive, writeTextPdf, type NatureAbbrev } from '@openactes/formats';
import { TenantStore } from '@openactes/persistence';
import { eventually, openStores, postArchive, startGateway, startWorker, testConfig, type RunningGateway, type RunningWorker } from '../support/harness';

/** Individual acts are not published by default, contracts wait for a person, and a collectivity can choose otherwise. */
describe('publication policy by nature', () => {
  const config = testConfig();
  const siren = '212909519';
  let stores: Awaited<ReturnType<typeof openStores>>;
  let gateway: RunningGateway;
  let worker: RunningWorker;

  beforeAll(async () => {
    stores = await openStores(config);
    gateway = await startGateway(config);
    worker = await startWorker(config, stores.dataSource);
  });

  afterAll(async () => {
    await worker?.stop();
    await gateway?.stop();
    await stores?.dataSource.destroy();
  });

  const lines = [
    'Commune de Kerhervé-sur-Lann',
    'Arrêté du maire',
    'Le maire de la commune, vu le code général des collectivités territoriales, arrête les dispositions suivantes',
    'relatives à la circulation et au stationnement sur la voie communale pendant la durée des travaux de voirie.',
    'Le Maire, Yann LE BRIS',
  ];
  const send = async (numeroInterne: string, nature: NatureAbbrev) => {
    const { data } = writeActeArchive({
      siren, departement: '029', date: '2026-04-02', numeroInterne, nature, matieres: [6, 1], objet: 'Réglementation temporaire de la circulation',
      document: { data: writeTextPdf([lines]) },
    });
    const res = await postArchive(gateway.baseUrl, data);
    expect(res.status).toBe(202);
    return ((await res.json()) as { acts: { id: string }[] }).acts[0].id;
  };
  const statusOf = async (id: string) => (await stores.acts.find(id))?.status;

  it('withholds an individual act, holds a contract for review and publishes a regulatory act', async () => {
    const individual = await send('POLICY_AI_1', 'AI');
    const contract = await send('POLICY_CC_1', 'CC');
    const regulatory = await send('POLICY_AR_1', 'AR');
    await eventually(() => statusOf(individual), (s) => s === 'withdrawn');
    await eventually(() => statusOf(contract), (s) => s === 'held_for_review');
    await eventually(() => statusOf(regulatory), (s) => s === 'published');
    expect((await stores.acts.find(individual))?.publication).toEqual({ act: 'withhold', reasons: ['nature_default'] });
    expect((await stores.audit.forSubject('act', individual)).some((e) => e.action === 'act.published')).toBe(false);
  });

  it('follows the collectivity’s own choice, set from the CLI', async () => {
    process.env.DATABASE_URL = config.databaseUrl;
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await runCli(['tenant', 'policy', '--siren', siren, '--set', 'AI=publish'])).toBe(0);
      expect(await runCli(['tenant', 'policy', '--siren', siren, '--set', 'XX=publish'])).toBe(1);
    } finally {
      out.mockRestore();
    }
    const collectivity = (await new TenantStore(stores.dataSource, stores.audit).collectivities()).find((c) => c.siren === siren);
    expect(collectivity?.publicationOverrides).toEqual({ AI: 'publish' });
    const individual = await send('POLICY_AI_2', 'AI');
    await eventually(() => statusOf(individual), (s) => s === 'published');
    expect((await stores.acts.find(individual))?.publication).toEqual({ act: 'publish', reasons: ['tenant_override'] });
  });
});
