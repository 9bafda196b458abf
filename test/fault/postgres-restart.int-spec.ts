import fs from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { eventually, openStores, postArchive, registerCollectivities, startGateway, testConfig, type RunningGateway } from '../support/harness';
import { actAudit, countPublished, expectPublishedExactlyOnce, faultActs, retriesIn, sendAct, statuses, type SentAct } from './support/fault-checks';
import { FAULT_ENV, faultCollectivitySiren, faultDir, startOwnPostgres, startWorkerProcess, type RestartablePostgres, type WorkerProcess } from './support/fault-stack';

/**
 * Our own PostgreSQL is stopped in the middle of a burst, then started again
 * on the same data directory and port. The activities that meet it down fail
 * and Temporal retries them; the gateway refuses (5xx) what it cannot store.
 */
describe('fault: PostgreSQL restarted mid-run', () => {
  const dir = faultDir('postgres');
  const siren = faultCollectivitySiren();
  let pg: RestartablePostgres;
  let config: ReturnType<typeof testConfig>;
  let stores: Awaited<ReturnType<typeof openStores>>;
  let gateway: RunningGateway;
  let worker: WorkerProcess | undefined;
  let temporal: Connection;

  beforeAll(async () => {
    pg = await startOwnPostgres(dir);
    config = testConfig({ ...FAULT_ENV, DATABASE_URL: pg.url });
    stores = await openStores(config);
    await registerCollectivities(stores.dataSource, [siren]);
    gateway = await startGateway(config);
    temporal = await Connection.connect({ address: config.temporal.address });
  });

  afterAll(async () => {
    await worker?.kill();
    await gateway?.stop();
    await stores?.dataSource.destroy();
    await temporal?.close();
    await pg?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes every act exactly once after the database came back, the failed attempts retried', async () => {
    worker = startWorkerProcess({ DATABASE_URL: pg.url, TEMPORAL_ADDRESS: config.temporal.address, TEMPORAL_TASK_QUEUE: config.temporal.taskQueue });
    await worker.ready;
    const burst = faultActs(siren, 'PGR', 12, { seed: 7201 });
    await Promise.all(burst.map((act) => sendAct(gateway.baseUrl, act)));
    const workflowIds = ((await stores.dataSource.query('SELECT workflow_id FROM act WHERE siren = $1', [siren])) as { workflow_id: string }[]).map((r) => r.workflow_id);

    await eventually(() => statuses(stores.dataSource, burst), (s) => countPublished(s) >= 1, 30_000);
    await pg.stop();

    // Down: activities fail against it and Temporal schedules their next attempts.
    const client = new Client({ connection: temporal });
    await eventually(
      async () => {
        let retried = 0;
        for (const id of workflowIds) retried += ((await client.workflow.getHandle(id).describe()).raw.pendingActivities ?? []).filter((a) => (a.attempt ?? 1) > 1).length;
        return retried;
      },
      (retried) => retried >= 1,
      30_000,
    );
    // And an archive sent now is refused, not half-taken.
    const late = faultActs(siren, 'PGL', 1, { seed: 7202 });
    const refused = await postArchive(gateway.baseUrl, late[0]!.data);
    expect(refused.status).toBeGreaterThanOrEqual(500);

    await pg.restart();
    await sendAct(gateway.baseUrl, late[0]!);
    const all: SentAct[] = [...burst, ...late];
    await expectPublishedExactlyOnce({ baseUrl: gateway.baseUrl, dataSource: stores.dataSource, siren, acts: all, timeoutMs: 50_000 });
    expect(worker.child.exitCode).toBeNull();

    // Attempts that failed while it was down left no trace (nowhere to write it); those that then succeeded say which attempt they were.
    const retried = retriesIn(await actAudit(stores.dataSource, burst));
    expect(retried.length).toBeGreaterThanOrEqual(1);
    expect(retried.some((e) => e.outcome === 'ok' && Number(e.details.attempt) >= 2)).toBe(true);
  }, 100_000);
});
