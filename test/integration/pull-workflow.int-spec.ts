import { ApplicationFailure } from '@temporalio/activity';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { actWorkflowId, type PullActivities, type PullPlatformResult, type PullRunReport } from '@openactes/contracts';
import { testConfig } from '../support/harness';

/**
 * pullPlatformWorkflow on the real Temporal server with stand-in activities: long harvests
 * continue as new with their offset and counters, a transaction the platform cannot give is
 * skipped and reported, and an act handed back twice gets one workflow.
 */
describe('pullPlatformWorkflow (real Temporal, stand-in activities)', () => {
  const config = testConfig();
  const PAGE = 100;
  const remote = Array.from({ length: 205 }, (_, i) => String(5000 + i));
  const ledger = new Set<string>();
  const reports: PullRunReport[] = [];
  const actKey = `pull-wf-${config.temporal.taskQueue}`;

  const pullActivities: PullActivities = {
    listPlatformTransactions: ({ offset }) => {
      const rows = remote.slice(offset, offset + PAGE);
      return Promise.resolve({
        enabled: true,
        remoteIds: rows.filter((id) => !ledger.has(id)),
        listed: rows.length,
        nextOffset: offset + rows.length,
        hasMore: rows.length === PAGE,
      });
    },
    importPlatformTransaction: ({ remoteId }) => {
      if (remoteId === '5007') throw ApplicationFailure.nonRetryable('the first file is not an Acte', 'PLATFORM_BAD_RESPONSE');
      ledger.add(remoteId);
      // Two transactions carrying the same act (e.g. a retried attempt that had recorded it): one workflow.
      const acts = remoteId === '5001' || remoteId === '5002' ? [{ actId: 'act-id-pull-wf', actKey }] : [];
      return Promise.resolve({ remoteId, outcome: 'imported', rejectionCode: null, acts });
    },
    recordPullRun: (report) => {
      reports.push(report);
      return Promise.resolve();
    },
  };

  let nativeConnection: NativeConnection;
  let connection: Connection;
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    nativeConnection = await NativeConnection.connect({ address: config.temporal.address });
    worker = await Worker.create({
      connection: nativeConnection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! },
      activities: pullActivities,
    });
    running = worker.run();
    connection = await Connection.connect({ address: config.temporal.address });
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await connection?.close();
    await nativeConnection?.close();
  });

  it('pages through a long list across continue-as-new, skipping what the platform cannot give', async () => {
    const client = new Client({ connection, namespace: config.temporal.namespace });
    const handle = await client.workflow.start('pullPlatformWorkflow', {
      workflowId: `pull-wf-${config.temporal.taskQueue}`,
      taskQueue: config.temporal.taskQueue,
      args: [{ platformId: 'platform-under-test' }],
    });
    const result = (await handle.result()) as PullPlatformResult;

    expect(result).toMatchObject({ platformId: 'platform-under-test', listed: 205, imported: 204, failed: 1, actsStarted: 1, disabled: false });
    expect(result.lastFailure).toMatchObject({ remoteId: '5007', code: 'PLATFORM_BAD_RESPONSE' });
    expect(ledger.size).toBe(204);
    // The first run handed over to a new one, in the same workflow ID, once 200 transactions were handled.
    const firstRun = await client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId).describe();
    expect(firstRun.status.name).toBe('CONTINUED_AS_NEW');
    // One report, at the very end, naming the skipped transaction.
    expect(reports).toHaveLength(1);
    expect(reports[0].error).toMatchObject({ code: 'PLATFORM_BAD_RESPONSE' });
    expect(reports[0].error?.message).toContain('5007');
    // The act's workflow was started once (the second start was refused and ignored) and outlives the pull (ABANDON).
    const act = client.workflow.getHandle(actWorkflowId(actKey));
    const started = await act.describe();
    expect(started.type).toBe('processActWorkflow');
    if (started.status.name === 'RUNNING') await act.terminate('its activities are not registered on this test worker');
  });
});
