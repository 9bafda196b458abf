import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { PublishableDatasetVersion } from '@openactes/activities';
import { runCli } from '@openactes/cli';
import { SecretBox } from '@openactes/config';
import { publishDatasetVersionWorkflowId, type PublishDatasetVersionInput, type PublishDatasetVersionResult } from '@openactes/contracts';
import { PortalStore, type AuditLog, type PortalSummary } from '@openactes/persistence';
import { createWorker } from '@openactes/worker';
import type { DataSource } from 'typeorm';
import { FakeCkan } from '../support/fake-ckan';
import { FakeUdata } from '../support/fake-udata';
import { openStores, testConfig } from '../support/harness';

/**
 * publishDatasetVersionWorkflow on the real Temporal server and PostgreSQL,
 * with the real worker and activities, publishing to fake udata and CKAN
 * portals over HTTP: a portal down twice is retried until it takes the file,
 * a portal refusing our key fails at once without holding the other back, and
 * the next version replaces the resource in place.
 */
describe('publishDatasetVersionWorkflow (real Temporal and PostgreSQL, fake portals over HTTP)', () => {
  const secretsKey = SecretBox.generateKey();
  const config = testConfig({ SECRETS_KEY: secretsKey });
  const siren = String(200000000 + Math.floor(Math.random() * 99_999_999)).slice(0, 9);
  const datasetId = `deliberations-${siren}`;
  const retry = { initialIntervalMs: 200, backoffCoefficient: 1, maximumIntervalMs: 500, maximumAttempts: 5 };
  const loads: Array<[string, number]> = [];
  const udata = new FakeUdata();
  const ckan = new FakeCkan();
  let dataSource: DataSource;
  let audit: AuditLog;
  let nativeConnection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  let connection: Connection;
  let client: Client;
  let udataPortal: PortalSummary;
  let ckanPortal: PortalSummary;

  /** Our own dataset builder's output for this test: a CSV whose rows grow with the version. */
  const loadDatasetVersion = (id: string, version: number): Promise<PublishableDatasetVersion> => {
    loads.push([id, version]);
    const csv = Buffer.from(['id;objet', ...Array.from({ length: version }, (_, i) => `${i + 1};Délibération ${i + 1}`)].join('\n') + '\n');
    return Promise.resolve({
      datasetId: id, siren: id === datasetId ? siren : null, type: 'deliberations', title: `Délibérations ${id}`, description: 'Délibérations publiées',
      tags: ['deliberations'], schema: 'scdl/deliberations', temporal: { start: '2025-01-01', end: '2025-12-31' }, version,
      files: [{ key: 'csv', fileName: `${id}.csv`, mediaType: 'text/csv', byteSize: csv.length, sha256: createHash('sha256').update(csv).digest('hex'), open: () => Readable.from([csv]) }],
    });
  };

  const cli = async (...args: string[]): Promise<{ code: number; out: string }> => {
    const out: string[] = [];
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
    try {
      return { code: await runCli(args), out: out.join('') };
    } finally {
      stdout.mockRestore();
    }
  };

  const publish = (input: PublishDatasetVersionInput): Promise<PublishDatasetVersionResult> =>
    client.workflow.execute('publishDatasetVersionWorkflow', {
      workflowId: `${publishDatasetVersionWorkflowId(input.datasetId, input.version)}-${randomUUID()}`,
      taskQueue: config.temporal.taskQueue,
      args: [input],
    });

  const portalEvents = async (portalId: string) =>
    (await audit.forSubject('dataset', datasetId)).filter((e) => e.details.portalId === portalId).map((e) => ({ action: e.action, outcome: e.outcome, ...(e.details as Record<string, unknown>) }) as Record<string, unknown>);

  const state = (portalId: string, id = datasetId) => new PortalStore(dataSource, audit, config.secrets).datasetState(portalId, id);

  beforeAll(async () => {
    ({ dataSource, audit } = await openStores(config));
    await Promise.all([udata.start(), ckan.start()]);
    udata.organizations.add('org-syndicat');
    process.env.DATABASE_URL = config.databaseUrl;
    process.env.SECRETS_KEY = secretsKey;

    // The syndicate's own udata gets every dataset; the collectivity's CKAN only its own, and we give it a revoked token.
    const added = await cli('portal', 'add', '--kind', 'udata', '--name', `udata-${siren}`, '--url', udata.apiUrl, '--api-key', udata.apiKey, '--organization', 'org-syndicat');
    expect(added.code).toBe(0);
    udataPortal = JSON.parse(added.out) as PortalSummary;
    const addedCkan = await cli('portal', 'add', '--kind', 'ckan', '--name', `ckan-${siren}`, '--url', ckan.baseUrl, '--api-key', 'revoked-token-0000', '--organization', 'ville', '--siren', siren);
    expect(addedCkan.code).toBe(0);
    ckanPortal = JSON.parse(addedCkan.out) as PortalSummary;

    nativeConnection = await NativeConnection.connect({ address: config.temporal.address });
    worker = await createWorker({ config, dataSource, connection: nativeConnection, workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! }, loadDatasetVersion });
    running = worker.run();
    connection = await Connection.connect({ address: config.temporal.address });
    client = new Client({ connection, namespace: config.temporal.namespace });
  });

  afterAll(async () => {
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await running;
    await Promise.all([connection?.close(), nativeConnection?.close(), udata.stop(), ckan.stop()]);
    await cli('portal', 'remove', '--id', udataPortal.id);
    await cli('portal', 'remove', '--id', ckanPortal.id);
    await dataSource?.destroy();
  });

  it('lists portals without their keys, which are stored sealed', async () => {
    const listed = await cli('portal', 'list');
    expect(listed.out).toContain(udataPortal.id);
    expect(listed.out).not.toContain(udata.apiKey);
    expect(listed.out).not.toContain('revoked-token-0000');
    const [row] = (await dataSource.query(`SELECT api_key_sealed FROM portal WHERE id = $1`, [udataPortal.id])) as { api_key_sealed: string }[];
    expect(row!.api_key_sealed).not.toContain(udata.apiKey);
    expect(config.secrets.open(row!.api_key_sealed)).toBe(udata.apiKey);
    expect(ckanPortal).toMatchObject({ kind: 'ckan', siren, organization: 'ville' });
  });

  it('publishes on the third attempt to a portal down twice, and fails at once on a portal refusing our key', async () => {
    udata.faults.failNext(2, 503);
    const result = await publish({ datasetId, siren, version: 1, retry });

    expect(result.portals).toEqual(
      expect.arrayContaining([{ portalId: udataPortal.id, status: 'published' }, { portalId: ckanPortal.id, status: 'failed', code: 'PORTAL_AUTH_FAILED' }]),
    );
    expect(result.portals).toHaveLength(2);

    const udataEvents = await portalEvents(udataPortal.id);
    expect(udataEvents.map((e) => [e.action, e.outcome, e.attempt, e.code])).toEqual([
      ['dataset.portal_published', 'failed', 1, 'PORTAL_UNAVAILABLE'],
      ['dataset.portal_published', 'failed', 2, 'PORTAL_UNAVAILABLE'],
      ['dataset.portal_published', 'ok', 3, undefined],
    ]);
    const udataState = await state(udataPortal.id);
    expect(udataState).toMatchObject({ status: 'published', lastVersion: 1, lastError: null });
    const dataset = udata.datasets.get(udataState!.remoteDatasetId!)!;
    expect(udataEvents[2]).toMatchObject({ version: 1, remoteDatasetId: dataset.id, resources: { csv: dataset.resources[0]!.id } });
    expect(dataset).toMatchObject({ private: false, organization: 'org-syndicat', title: `Délibérations ${datasetId}` });
    expect(udataState!.resources).toEqual({ csv: dataset.resources[0]!.id });
    expect(udata.content(dataset.resources[0]!.id)?.toString()).toBe('id;objet\n1;Délibération 1\n');

    expect((await portalEvents(ckanPortal.id)).map((e) => [e.outcome, e.attempt, e.code])).toEqual([['failed', 1, 'PORTAL_AUTH_FAILED']]);
    expect(ckan.calls('package_create')).toHaveLength(1);
    expect(await state(ckanPortal.id)).toMatchObject({ status: 'failed', remoteDatasetId: null, lastError: { code: 'PORTAL_AUTH_FAILED', attempt: 1, version: 1 } });
    expect(JSON.stringify(await audit.forSubject('dataset', datasetId))).not.toContain(udata.apiKey);
  });

  it('replaces the resource in place with the next version (same remote id, one resource)', async () => {
    const before = await state(udataPortal.id);
    udata.requests.length = 0;
    const result = await publish({ datasetId, siren, version: 2, retry });

    expect(result.portals.find((p) => p.portalId === udataPortal.id)).toEqual({ portalId: udataPortal.id, status: 'published' });
    const after = await state(udataPortal.id);
    expect(after).toMatchObject({ status: 'published', lastVersion: 2, remoteDatasetId: before!.remoteDatasetId, resources: before!.resources });
    const dataset = udata.datasets.get(after!.remoteDatasetId!)!;
    expect(dataset.resources).toHaveLength(1);
    expect(udata.content(before!.resources.csv!)?.toString()).toBe('id;objet\n1;Délibération 1\n2;Délibération 2\n');
    expect(udata.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([
      `/api/1/datasets/${before!.remoteDatasetId}/resources/${before!.resources.csv}/upload/`,
    ]);
    expect(udata.requests.find((r) => r.method === 'PUT' && r.path === `/api/1/datasets/${before!.remoteDatasetId}/`)?.json).toMatchObject({ private: false });
  });

  it('never goes back to an older version, and sends a consolidated dataset only to portals without a SIREN', async () => {
    const late = await publish({ datasetId, siren, version: 1, retry });
    expect(late.portals.find((p) => p.portalId === udataPortal.id)?.status).toBe('published');
    expect(await state(udataPortal.id)).toMatchObject({ lastVersion: 2 });
    expect(udata.content((await state(udataPortal.id))!.resources.csv!)?.toString()).toContain('2;Délibération 2');

    const consolidated = `deliberations-all-${siren}`;
    const result = await publish({ datasetId: consolidated, siren: null, version: 1, retry });
    expect(result.portals.map((p) => p.portalId)).not.toContain(ckanPortal.id);
    expect(result.portals.find((p) => p.portalId === udataPortal.id)?.status).toBe('published');
    expect(loads.filter(([id]) => id === consolidated)).toEqual([[consolidated, 1]]);
  });
});
