import { createHash } from 'node:crypto';
import { runCli } from '@openactes/cli';
import { buildDemoArchives, DEMO_COLLECTIVITIES } from '@openactes/demo-data';
import { parseCsv } from '@openactes/formats';
import { TenantStore } from '@openactes/persistence';
import { eventually, openStores, postArchive, startGateway, startWorker, testConfig, type RunningGateway, type RunningWorker } from '../support/harness';

/** Tenant isolation: a platform token for SIREN A never submits nor reads for SIREN B. */
describe('tenants and platform tokens', () => {
  const config = testConfig();
  const [a, b] = [DEMO_COLLECTIVITIES[3], DEMO_COLLECTIVITIES[4]];
  let stores: Awaited<ReturnType<typeof openStores>>;
  let tenants: TenantStore;
  let gateway: RunningGateway;
  let worker: RunningWorker;

  beforeAll(async () => {
    stores = await openStores(config);
    tenants = new TenantStore(stores.dataSource, stores.audit);
    gateway = await startGateway(config);
    worker = await startWorker(config, stores.dataSource);
  });

  afterAll(async () => {
    await worker?.stop();
    await gateway?.stop();
    await stores?.dataSource.destroy();
  });

  const archivesOf = (siren: string) =>
    buildDemoArchives({ seed: 404, count: 40 }).filter((x) => x.deliberation.collectivity.siren === siren);
  const getAct = (id: string, token: string) => fetch(`${gateway.baseUrl}/api/v1/acts/${id}`, { headers: { authorization: `Bearer ${token}` } });

  it('publishes with the registered name and SIRET, and isolates SIRENs', async () => {
    await tenants.upsertCollectivity({ siren: a.siren, name: a.name, siret: a.siret, departement: a.departement }, 'test');
    const { token: tokenA } = await tenants.createToken({ platform: 'test-platform-a', sirens: [a.siren] }, 'test');
    const { token: tokenB } = await tenants.createToken({ platform: 'test-platform-b', sirens: [b.siren] }, 'test');

    const [archiveA] = archivesOf(a.siren);
    const [archiveB] = archivesOf(b.siren);
    const accepted = await postArchive(gateway.baseUrl, archiveA.data, tokenA);
    expect(accepted.status).toBe(202);
    const { acts } = (await accepted.json()) as { acts: { id: string }[] };

    const refused = await postArchive(gateway.baseUrl, archiveB.data, tokenA);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('FORBIDDEN_SIREN');
    const kept = await stores.payloads.find(createHash('sha256').update(archiveB.data).digest('hex'));
    expect(kept).toMatchObject({ outcome: 'rejected', rejectionCode: 'FORBIDDEN_SIREN' });

    expect((await getAct(acts[0].id, tokenA)).status).toBe(200);
    const foreign = await getAct(acts[0].id, tokenB);
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { code: string }).code).toBe('FORBIDDEN_SIREN');

    await eventually(async () => ((await (await getAct(acts[0].id, tokenA)).json()) as { status: string }).status, (s) => s === 'published');
    const csv = parseCsv(await (await fetch(`${gateway.baseUrl}/api/v1/datasets/deliberations.csv?siren=${a.siren}`)).text());
    const row = csv.find((r) => r[2] === archiveA.deliberation.numeroInterne);
    expect(row?.slice(0, 2)).toEqual([a.name, a.siret]);
  });

  it('refuses a revoked token', async () => {
    const created = await tenants.createToken({ platform: 'test-platform-a', sirens: [a.siren] }, 'test');
    await tenants.revokeToken(created.tokenId, 'test');
    const res = await postArchive(gateway.baseUrl, archivesOf(a.siren)[1].data, created.token);
    expect(res.status).toBe(401);
    const events = await stores.audit.forSubject('platform_token', created.tokenId);
    expect(events.map((e) => e.action)).toEqual(['token.created', 'token.revoked']);
  });

  it('creates tenants and tokens from the CLI, printing only the token on stdout', async () => {
    process.env.DATABASE_URL = config.databaseUrl;
    const out: string[] = [];
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await runCli(['tenant', 'add', '--siren', b.siren, '--name', b.name, '--siret', b.siret])).toBe(0);
      expect(JSON.parse(out.join(''))).toMatchObject({ siren: b.siren, name: b.name, siret: b.siret });
      out.length = 0;
      expect(await runCli(['token', 'create', '--platform', 'cli-platform', '--sirens', `${a.siren},${b.siren}`])).toBe(0);
      const token = out.join('').trim();
      expect(token).toMatch(/^oat_[A-Za-z0-9_-]{43}$/);
      expect(await tenants.authenticate(token)).toMatchObject({ platformName: 'cli-platform', sirens: [a.siren, b.siren] });
      expect(await runCli(['tenant', 'add', '--siren', '123456789', '--name', 'x'])).toBe(1);
      expect(await runCli(['token', 'create', '--platform', 'p'])).toBe(2);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  });
});
