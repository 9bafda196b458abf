import fs from 'node:fs';
import { openStores, postArchive, registerCollectivities, startGateway, testConfig, type RunningGateway } from '../support/harness';
import { actAudit, countPublished, expectPublishedExactlyOnce, faultActs, sendAct, statuses, type SentAct } from './support/fault-checks';
import { FAULT_ENV, faultCollectivitySiren, faultDir, startOwnTemporal, startWorkerProcess, type RestartableTemporal, type WorkerProcess } from './support/fault-stack';
import { eventually } from '../support/harness';

/**
 * Our own Temporal dev server on a SQLite file is stopped in the middle of a
 * burst, then started again on the same file and port. While it is down the
 * gateway keeps what it is sent and answers 503 (send it again); the worker
 * reconnects by itself; the workflows go on where they were.
 */
describe('fault: Temporal dev server restarted on its persistent database', () => {
  const dir = faultDir('temporal');
  const siren = faultCollectivitySiren();
  let server: RestartableTemporal;
  let config: ReturnType<typeof testConfig>;
  let stores: Awaited<ReturnType<typeof openStores>>;
  let gateway: RunningGateway;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    server = await startOwnTemporal(dir);
    config = testConfig({ ...FAULT_ENV, TEMPORAL_ADDRESS: server.address });
    stores = await openStores(config);
    await registerCollectivities(stores.dataSource, [siren]);
    gateway = await startGateway(config);
  });

  afterAll(async () => {
    await worker?.kill();
    await gateway?.stop();
    await stores?.dataSource.destroy();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes every act exactly once across the restart, and takes back the archives refused while it was down', async () => {
    worker = startWorkerProcess({ DATABASE_URL: config.databaseUrl, TEMPORAL_ADDRESS: server.address, TEMPORAL_TASK_QUEUE: config.temporal.taskQueue });
    await worker.ready;
    const burst = faultActs(siren, 'TMPR', 12, { seed: 7101 });
    await Promise.all(burst.map((act) => sendAct(gateway.baseUrl, act)));

    await eventually(() => statuses(stores.dataSource, burst), (s) => countPublished(s) >= 1, 30_000);
    await server.stop();
    expect(countPublished(await statuses(stores.dataSource, burst))).toBeLessThan(burst.length);

    // Down: the archive is stored and its act registered, but its workflow cannot start.
    const late = faultActs(siren, 'TMPL', 2, { seed: 7102 });
    for (const act of late) {
      const res = await postArchive(gateway.baseUrl, act.data);
      expect(res.status).toBe(503);
      expect(((await res.json()) as { code: string }).code).toBe('SERVICE_UNAVAILABLE');
    }
    const kept = (await stores.dataSource.query('SELECT sha256 FROM received_payload WHERE sha256 = ANY($1)', [late.map((a) => a.sha256)])) as unknown[];
    expect(kept).toHaveLength(late.length);
    const waiting = (await stores.dataSource.query(`SELECT id, status FROM act WHERE siren = $1 AND numero_interne LIKE 'TMPL_%'`, [siren])) as { id: string; status: string }[];
    expect(waiting.map((a) => a.status)).toEqual(['received', 'received']);

    await server.restart();
    // Sent again, as the 503 asked: the same acts, now started.
    for (const act of late) await sendAct(gateway.baseUrl, act);
    expect(late.map((a) => a.actId).sort()).toEqual(waiting.map((a) => a.id).sort());

    const all: SentAct[] = [...burst, ...late];
    await expectPublishedExactlyOnce({ baseUrl: gateway.baseUrl, dataSource: stores.dataSource, siren, acts: all, timeoutMs: 45_000 });
    // The same worker process went on after the restart.
    expect(worker.child.exitCode).toBeNull();
    expect(worker.child.signalCode).toBeNull();

    // The refused starts are in the audit trail, each followed by the processing the resend started.
    const events = await actAudit(stores.dataSource, late);
    for (const act of late) {
      const own = events.filter((e) => e.subjectId === act.actId).map((e) => `${e.action}:${e.outcome}`);
      expect(own).toContain('act.start_failed:retrying');
      expect(own.indexOf('act.start_failed:retrying')).toBeLessThan(own.indexOf('act.processing_started:ok'));
    }
    expect(events.find((e) => e.action === 'act.start_failed')?.details).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  }, 100_000);
});
