import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { PayloadStore } from '@openactes/persistence';
import { openStores, postArchive, registerCollectivities, startGateway, testConfig, type RunningGateway } from '../support/harness';
import { expectPublishedExactlyOnce, faultActs, sendAct, type SentAct } from './support/fault-checks';
import { FAULT_ENV, faultCollectivitySiren, faultDir, startCappedPostgres, startOwnPostgres, startWorkerProcess, type RestartablePostgres, type WorkerProcess } from './support/fault-stack';

/**
 * The blob store (payloads are kept in PostgreSQL) runs out of space: our own
 * PostgreSQL, its payload file almost at a cap on file size (`ulimit -f`, no
 * root needed), refuses the archive that does not fit. The gateway answers
 * 5xx and keeps nothing half-done; once space is back, the refused archives
 * sent again and the accepted ones all end published, once.
 */
describe('fault: the payload store is full', () => {
  const dir = faultDir('disk-full');
  const siren = faultCollectivitySiren();
  let pg: RestartablePostgres;
  let capped: { stop(): Promise<void> } | undefined;
  let config: ReturnType<typeof testConfig>;
  let stores: Awaited<ReturnType<typeof openStores>>;
  let gateway: RunningGateway | undefined;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    pg = await startOwnPostgres(dir);
    config = testConfig({ ...FAULT_ENV, DATABASE_URL: pg.url });
    stores = await openStores(config);
    await registerCollectivities(stores.dataSource, [siren]);
  });

  afterAll(async () => {
    await worker?.kill();
    await gateway?.stop();
    await stores?.dataSource.destroy();
    await capped?.stop();
    await pg?.stop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses with a 5xx the archive that does not fit, and publishes every archive once space is back', async () => {
    // Almost full: other payloads (random, so incompressible) fill the payload store's file past a WAL segment (16 MB).
    const filler = new PayloadStore(stores.dataSource);
    for (let i = 0; i < 17; i++) await filler.store({ kind: 'fault_filler', contentType: 'application/octet-stream', content: randomBytes(1_000_000), submitter: 'test' });
    const [{ bytes }] = (await stores.dataSource.query(
      `SELECT pg_relation_size(reltoastrelid)::bigint AS bytes FROM pg_class WHERE relname = 'received_payload'`,
    )) as { bytes: string }[];
    await stores.dataSource.destroy();
    await pg.stop();
    capped = await startCappedPostgres(pg, Number(bytes) + 16_384);
    stores = await openStores(config);
    gateway = await startGateway(config);

    const acts = faultActs(siren, 'DISK', 10, { seed: 7401, pages: 60 });
    const accepted: SentAct[] = [];
    const refused: { act: SentAct; status: number; body: { code?: string } }[] = [];
    const logged: string[] = [];
    const spies = (['log', 'error', 'warn'] as const).map((level) => jest.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' '))));
    try {
      for (const act of acts) {
        const res = await postArchive(gateway.baseUrl, act.data);
        if (res.status === 202) accepted.push(Object.assign(act, { actId: ((await res.json()) as { acts: { id: string }[] }).acts[0]!.id }));
        else refused.push({ act, status: res.status, body: (await res.json()) as { code?: string } });
      }
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    // The failed statement is logged, the payload it carried is not.
    expect(logged.some((l) => l.includes('File too large'))).toBe(true);
    expect(logged.filter((l) => l.includes('"type":"Buffer"') || l.includes('31,139,8'))).toEqual([]);
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const r of refused) expect({ status: r.status >= 500, code: typeof r.body.code }).toEqual({ status: true, code: 'string' });
    // Nothing of a refused archive was accepted: no payload taken as accepted, no act beyond `received`.
    const half = (await stores.dataSource.query(
      `SELECT p.sha256 FROM received_payload p WHERE p.sha256 = ANY($1) AND p.outcome = 'accepted'`,
      [refused.map((r) => r.act.sha256)],
    )) as unknown[];
    expect(half).toEqual([]);

    // Space is back: the server without the cap, a worker, and the refused archives sent again.
    await capped.stop();
    capped = undefined;
    await pg.restart();
    worker = startWorkerProcess({ DATABASE_URL: pg.url, TEMPORAL_ADDRESS: config.temporal.address, TEMPORAL_TASK_QUEUE: config.temporal.taskQueue });
    await worker.ready;
    for (const { act } of refused) await sendAct(gateway.baseUrl, act);
    await expectPublishedExactlyOnce({ baseUrl: gateway.baseUrl, dataSource: stores.dataSource, siren, acts, timeoutMs: 45_000 });
  }, 120_000);
});
