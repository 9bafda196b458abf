import { temporal } from '@temporalio/proto';
import { eventually, openStores, registerCollectivities, startGateway, testConfig, type RunningGateway } from '../support/harness';
import { actAudit, countPublished, expectPublishedExactlyOnce, faultActs, retriesIn, sendAct, statuses, type SentAct } from './support/fault-checks';
import { FAULT_ENV, faultCollectivitySiren, startWorkerProcess, temporalClient, type WorkerProcess } from './support/fault-stack';

const STARTED = temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED;

/**
 * The worker process is SIGKILLed (no shutdown, no grace) while it extracts a
 * long document and a burst of acts is half published. Temporal hands the
 * lost attempts to the next worker: every act ends published exactly once.
 */
describe('fault: worker killed with SIGKILL', () => {
  const config = testConfig({ ...FAULT_ENV });
  const siren = faultCollectivitySiren();
  const workerEnv = { DATABASE_URL: config.databaseUrl, TEMPORAL_ADDRESS: config.temporal.address, TEMPORAL_TASK_QUEUE: config.temporal.taskQueue };
  let stores: Awaited<ReturnType<typeof openStores>>;
  let gateway: RunningGateway;
  let temporalRead: Awaited<ReturnType<typeof temporalClient>>;
  const workers: WorkerProcess[] = [];

  const startWorker = async () => {
    const worker = startWorkerProcess(workerEnv);
    workers.push(worker);
    await worker.ready;
    return worker;
  };
  const workflowOf = async (act: SentAct) =>
    temporalRead.client.workflow.getHandle(((await stores.dataSource.query('SELECT workflow_id FROM act WHERE id = $1', [act.actId])) as { workflow_id: string }[])[0]!.workflow_id);

  beforeAll(async () => {
    stores = await openStores(config);
    await registerCollectivities(stores.dataSource, [siren]);
    gateway = await startGateway(config);
    temporalRead = await temporalClient(config.temporal.address);
  });

  afterAll(async () => {
    for (const worker of workers) await worker.kill();
    await gateway?.stop();
    await temporalRead?.close();
    await stores?.dataSource.destroy();
  });

  it('finishes every act exactly once when the worker is killed in the middle of an extraction and of a burst half published', async () => {
    const first = await startWorker();
    // A 1,500-page deliberation whose extraction lasts seconds, and a burst of 20 short ones.
    const [long] = faultActs(siren, 'KILLX', 1, { seed: 7001, pages: 1500 });
    const burst = faultActs(siren, 'KILLP', 20, { seed: 7002 });
    await sendAct(gateway.baseUrl, long!);
    await Promise.all(burst.map((act) => sendAct(gateway.baseUrl, act)));
    const all = [long!, ...burst];

    // Killed once Temporal reports the long extraction started on that worker and some of the burst are published.
    const handle = await workflowOf(long!);
    const extracting = async () =>
      ((await handle.describe()).raw.pendingActivities ?? []).some((a) => a.activityType?.name === 'extractActText' && a.state === STARTED);
    await eventually(
      async () => ({ extracting: await extracting(), published: countPublished(await statuses(stores.dataSource, burst)) }),
      (s) => s.extracting && s.published >= 1,
      30_000,
    );
    await first.kill();
    expect(first.child.signalCode).toBe('SIGKILL');
    const atKill = countPublished(await statuses(stores.dataSource, burst));
    expect(atKill).toBeGreaterThanOrEqual(1);
    expect(atKill).toBeLessThan(burst.length);
    expect((await statuses(stores.dataSource, [long!]))[long!.actId!]).toBe('processing');
    expect((await actAudit(stores.dataSource, [long!])).map((e) => e.action)).not.toContain('act.text_extracted');

    await startWorker();
    await expectPublishedExactlyOnce({ baseUrl: gateway.baseUrl, dataSource: stores.dataSource, siren, acts: all, timeoutMs: 50_000 });

    // The interrupted extraction was done again, once, by the next worker.
    const extracted = (await actAudit(stores.dataSource, [long!])).filter((e) => e.action === 'act.text_extracted');
    expect(extracted).toHaveLength(1);
    expect(extracted[0]!.details).toMatchObject({ pages: 1500 });
    expect(Number(extracted[0]!.details.attempt)).toBeGreaterThanOrEqual(2);

    // The attempts the kill lost in the burst were retried: Temporal started them again (attempt > 1) and the audit says so.
    const restarted: number[] = [];
    for (const act of burst) {
      const history = await (await workflowOf(act)).fetchHistory();
      for (const e of history.events ?? []) if ((e.activityTaskStartedEventAttributes?.attempt ?? 1) > 1) restarted.push(e.activityTaskStartedEventAttributes!.attempt!);
    }
    expect(restarted.length).toBeGreaterThanOrEqual(1);
    expect(retriesIn(await actAudit(stores.dataSource, burst)).length).toBeGreaterThanOrEqual(1);
  }, 100_000);
});
