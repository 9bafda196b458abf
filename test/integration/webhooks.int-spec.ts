import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createWebhookActivities } from '@openactes/activities';
import { verifyWebhook } from '@openactes/catalogue';
import { webhookDeliveryWorkflowId, type DatasetVersionPublishedEvent, type DeliverWebhookResult } from '@openactes/contracts';
import { WebhookStore } from '@openactes/persistence';
import { openStores, startGateway, startWorker, testConfig, type RunningGateway, type RunningWorker } from '../support/harness';

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A reuser's endpoint: answers each path from its script of statuses (the last one repeats), records every request. */
async function startSubscriber() {
  const received: Received[] = [];
  const scripts = new Map<string, number[]>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const script = scripts.get(path) ?? [200];
      const status = script.length > 1 ? script.shift()! : script[0];
      res.writeHead(status, { 'content-type': 'text/plain' }).end(`status ${status}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    answer: (path: string, statuses: number[]) => scripts.set(path, [...statuses]),
    requestsTo: (path: string) => received.filter((r) => r.path === path),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Webhooks end to end on the real servers: registration through the gateway,
 * deliverWebhookWorkflow run by the real worker against a real local HTTP
 * subscriber, the delivery log read back through the API.
 */
describe('webhooks for reusers', () => {
  const config = testConfig();
  const SECRET = 'reuser-secret-0123456789';
  const FAST_RETRY = { initialIntervalMs: 200, backoffCoefficient: 2, maximumIntervalMs: 1_000 };
  let stores: Awaited<ReturnType<typeof openStores>>;
  let webhooks: WebhookStore;
  let gateway: RunningGateway;
  let worker: RunningWorker;
  let connection: Connection;
  let client: Client;
  let subscriber: Awaited<ReturnType<typeof startSubscriber>>;

  beforeAll(async () => {
    stores = await openStores(config);
    webhooks = new WebhookStore(stores.dataSource, config.secrets, stores.audit);
    [gateway, worker, subscriber] = await Promise.all([startGateway(config), startWorker(config, stores.dataSource), startSubscriber()]);
    connection = await Connection.connect({ address: config.temporal.address });
    client = new Client({ connection, namespace: config.temporal.namespace });
  });

  afterAll(async () => {
    await worker?.stop();
    await gateway?.stop();
    await connection?.close();
    await subscriber?.close();
    await stores?.dataSource.destroy();
  });

  const api = (path: string, init: RequestInit = {}) => fetch(`${gateway.baseUrl}/api/v1/webhooks${path}`, init);
  const register = (body: unknown) =>
    api('', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  async function registered(path: string, datasetId: string): Promise<{ id: string; managementToken: string }> {
    const res = await register({ url: `${subscriber.url}${path}`, secret: SECRET, datasetId });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; managementToken: string };
  }

  const event = (datasetId: string): DatasetVersionPublishedEvent => ({
    id: `evt-${randomUUID()}`,
    type: 'dataset.version_published',
    datasetId,
    version: 7,
    createdAt: '2026-03-05T10:15:00.000Z',
    added: 12,
    removed: 1,
    urls: { csv: `https://opendata.example/api/v1/datasets/${datasetId}/versions/7.csv`, json: `https://opendata.example/api/v1/datasets/${datasetId}/versions/7.json` },
  });

  const deliver = (subscriptionId: string, e: DatasetVersionPublishedEvent, retry: object = FAST_RETRY) =>
    client.workflow.start('deliverWebhookWorkflow', {
      workflowId: webhookDeliveryWorkflowId(subscriptionId, e.id),
      taskQueue: config.temporal.taskQueue,
      args: [{ subscriptionId, event: e, retry }],
    });

  it('refuses invalid registrations with VALIDATION_FAILED and says why', async () => {
    const cases: [unknown, RegExp][] = [
      [{ url: `${subscriber.url}/x`, secret: SECRET, datasetId: 'budget', events: ['all'] }, /property events should not exist/],
      [{ url: 'http://reuser.example/hook', secret: SECRET, datasetId: 'budget' }, /url must use https/],
      [{ url: 'https://reuser.example/hook', secret: 'short', datasetId: 'budget' }, /secret must be longer than or equal to 16 characters/],
      [{ url: 'https://reuser.example/hook', secret: SECRET, datasetId: 'budgets-12' }, /datasetId must be/],
      [{ url: 'https://reuser.example/hook', secret: SECRET }, /datasetId/],
      [['https://reuser.example/hook'], /JSON object/],
    ];
    for (const [body, reason] of cases) {
      const res = await register(body);
      const answer = (await res.json()) as { code: string; message: string; details?: { violations: string[] } };
      expect([res.status, answer.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(answer.message).toMatch(reason);
    }
    const many = (await (await register({ url: 'ftp://x', secret: 'short', datasetId: '?', extra: 1 })).json()) as { details: { violations: string[] } };
    expect(many.details.violations.length).toBeGreaterThanOrEqual(4);
  });

  it('documents the routes in OpenAPI', async () => {
    const doc = (await (await fetch(`${gateway.baseUrl}/api/docs/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { $ref?: string } }> } }>>;
    };
    expect(Object.keys(doc.paths['/api/v1/webhooks'])).toEqual(['post']);
    expect(doc.paths['/api/v1/webhooks'].post.requestBody?.content['application/json'].schema.$ref).toMatch(/RegisterWebhookDto$/);
    expect(Object.keys(doc.paths['/api/v1/webhooks/{id}']).sort()).toEqual(['delete', 'get']);
    expect(Object.keys(doc.paths['/api/v1/webhooks/{id}/deliveries'])).toEqual(['get']);
  });

  it('keeps the secret sealed and only the hash of the management token', async () => {
    const { id, managementToken } = await registered('/sealed', 'budget-213500000');
    expect(managementToken).toMatch(/^whm_[\w-]{40,}$/);
    const [row] = (await stores.dataSource.query(`SELECT secret_sealed, management_token_sha256 FROM webhook_subscription WHERE id = $1`, [id])) as {
      secret_sealed: string;
      management_token_sha256: string;
    }[];
    expect(row.secret_sealed).toMatch(/^v1:/);
    expect(row.secret_sealed).not.toContain(SECRET);
    expect(config.secrets.open(row.secret_sealed)).toBe(SECRET);
    expect(row.management_token_sha256).not.toContain(managementToken);
    const got = await api(`/${id}`, { headers: bearer(managementToken) });
    expect(await got.json()).toMatchObject({ id, datasetId: 'budget-213500000', url: `${subscriber.url}/sealed`, active: true });
  });

  it('delivers a signed event, retrying after a 500, and shows both attempts in the delivery log', async () => {
    const { id, managementToken } = await registered('/flaky', 'deliberations-213500000');
    subscriber.answer('/flaky', [500, 200]);
    const e = event('deliberations-213500000');
    const result = (await (await deliver(id, e)).result()) as DeliverWebhookResult;
    expect(result).toEqual({ subscriptionId: id, eventId: e.id, outcome: 'delivered', attempts: 2, httpStatus: 200 });

    const requests = subscriber.requestsTo('/flaky');
    expect(requests).toHaveLength(2);
    const now = Math.floor(Date.now() / 1000);
    for (const r of requests) {
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['x-openactes-event']).toBe('dataset.version_published');
      expect(r.headers['x-openactes-delivery']).toBe(e.id);
      expect(JSON.parse(r.body)).toEqual(e);
      const signature = r.headers['x-openactes-signature'] as string;
      expect(verifyWebhook(SECRET, signature, r.body, 300, now)).toBe(true);
      expect(verifyWebhook('not-the-secret-0123456', signature, r.body, 300, now)).toBe(false);
      expect(verifyWebhook(SECRET, signature, r.body.replace('"added":12', '"added":13'), 300, now)).toBe(false);
    }

    const log = await api(`/${id}/deliveries`, { headers: bearer(managementToken) });
    expect(log.status).toBe(200);
    const { deliveries } = (await log.json()) as { deliveries: Record<string, unknown>[] };
    expect(deliveries).toEqual([
      expect.objectContaining({ eventId: e.id, datasetId: e.datasetId, version: 7, attempt: 2, status: 'delivered', httpStatus: 200, error: null }),
      expect.objectContaining({ eventId: e.id, attempt: 1, status: 'retrying', httpStatus: 500, error: 'HTTP 500' }),
    ]);
    expect(deliveries.every((d) => typeof d.durationMs === 'number' && typeof d.at === 'string')).toBe(true);

    expect((await api(`/${id}/deliveries`)).status).toBe(401);
    const foreign = await api(`/${id}/deliveries`, { headers: bearer('whm_someone-elses-token-0000000000000000000000') });
    expect([foreign.status, ((await foreign.json()) as { code: string }).code]).toEqual([403, 'FORBIDDEN']);
  });

  it('fails visibly once the last attempt fails, every attempt logged', async () => {
    const { id } = await registered('/down', 'subventions');
    subscriber.answer('/down', [503]);
    const handle = await deliver(id, event('subventions'), { ...FAST_RETRY, maximumAttempts: 3 });
    const failure = await handle.result().then(
      () => null,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect(((failure as WorkflowFailedError).cause as { type?: string }).type).toBe('WEBHOOK_DELIVERY_FAILED');
    expect(subscriber.requestsTo('/down')).toHaveLength(3);
    const log = await webhooks.deliveries(id);
    expect(log.map((d) => [d.attempt, d.status, d.httpStatus])).toEqual([
      [3, 'failed', 503],
      [2, 'retrying', 503],
      [1, 'retrying', 503],
    ]);
  });

  it('deactivates the subscription when the subscriber answers 410 Gone, and sends it nothing more', async () => {
    const { id, managementToken } = await registered('/gone', '*');
    expect(await webhooks.activeSubscribers('procurement-213500000')).toContain(id);
    subscriber.answer('/gone', [410]);
    const result = (await (await deliver(id, event('procurement-213500000'))).result()) as DeliverWebhookResult;
    expect(result).toMatchObject({ outcome: 'unsubscribed', attempts: 1, httpStatus: 410 });

    const got = (await (await api(`/${id}`, { headers: bearer(managementToken) })).json()) as Record<string, unknown>;
    expect(got).toMatchObject({ active: false, deactivationReason: 'gone' });
    expect(await webhooks.activeSubscribers('procurement-213500000')).not.toContain(id);
    const [attempt] = await webhooks.deliveries(id);
    expect(attempt).toMatchObject({ attempt: 1, status: 'failed', httpStatus: 410 });

    const again = (await (await deliver(id, event('procurement-213500000'))).result()) as DeliverWebhookResult;
    expect(again).toMatchObject({ outcome: 'inactive', attempts: 0 });
    expect(subscriber.requestsTo('/gone')).toHaveLength(1);
  });

  it('lists the subscribers of a dataset: its own and those of every dataset', async () => {
    const own = await registered('/own', 'actes-213500000');
    const other = await registered('/other', 'actes-213500001');
    const everything = await registered('/all', '*');
    const subscribers = await webhooks.activeSubscribers('actes-213500000');
    expect(subscribers).toEqual(expect.arrayContaining([own.id, everything.id]));
    expect(subscribers).not.toContain(other.id);
  });

  it('starts one delivery per subscriber from workflow code (startWebhookDeliveries), once per event', async () => {
    const datasetId = 'deliberations-213500002';
    const mine = await registered('/helper-one', datasetId);
    const alsoMine = await registered('/helper-two', datasetId);
    await registered('/helper-not-mine', 'deliberations-213500003');
    const expected = await webhooks.activeSubscribers(datasetId);
    expect(expected).toEqual(expect.arrayContaining([mine.id, alsoMine.id]));

    // The helper runs in workflow code: a wrapper workflow from its own bundle, on its own task queue.
    const taskQueue = `${config.temporal.taskQueue}-helper`;
    const nativeConnection = await NativeConnection.connect({ address: config.temporal.address });
    const helperWorker = await Worker.create({
      connection: nativeConnection,
      namespace: config.temporal.namespace,
      taskQueue,
      workflowsPath: require.resolve('../support/webhook-deliveries.workflows'),
      activities: createWebhookActivities({ webhooks }),
    });
    const e = event(datasetId);
    const run = (workflowId: string) => client.workflow.execute('startWebhookDeliveriesWorkflow', { workflowId, taskQueue, args: [datasetId, e] });
    try {
      await helperWorker.runUntil(async () => {
        expect(await run(`helper-${e.id}`)).toBe(expected.length);
        for (const id of expected) {
          const child = client.workflow.getHandle(webhookDeliveryWorkflowId(id, e.id));
          expect(await child.result()).toMatchObject({ subscriptionId: id, eventId: e.id, outcome: 'delivered' });
        }
        // The same event again: every delivery already exists, none is started twice.
        expect(await run(`helper-again-${e.id}`)).toBe(0);
      });
    } finally {
      await nativeConnection.close();
    }
    for (const path of ['/helper-one', '/helper-two']) {
      // Each child had delivered (result awaited above): its request is in.
      const requests = subscriber.requestsTo(path);
      expect(requests.map((r) => r.headers['x-openactes-delivery'])).toEqual([e.id]);
    }
    expect(subscriber.requestsTo('/helper-not-mine')).toEqual([]);
  });

  it('lets only the management token read or delete a webhook', async () => {
    const { id, managementToken } = await registered('/deleted', 'budget');
    const other = await registered('/other-owner', 'budget');

    expect((await api(`/${id}`, { method: 'DELETE' })).status).toBe(401);
    const wrong = await api(`/${id}`, { method: 'DELETE', headers: bearer(other.managementToken) });
    expect([wrong.status, ((await wrong.json()) as { code: string }).code]).toEqual([403, 'FORBIDDEN']);
    expect((await api(`/${randomUUID()}`, { headers: bearer(managementToken) })).status).toBe(404);
    expect((await api('/not-a-uuid', { headers: bearer(managementToken) })).status).toBe(400);
    expect(await webhooks.activeSubscribers('budget')).toContain(id);

    expect((await api(`/${id}`, { method: 'DELETE', headers: bearer(managementToken) })).status).toBe(204);
    const got = (await (await api(`/${id}`, { headers: bearer(managementToken) })).json()) as Record<string, unknown>;
    expect(got).toMatchObject({ active: false, deactivationReason: 'deleted' });
    expect(await webhooks.activeSubscribers('budget')).not.toContain(id);
    expect(await webhooks.activeSubscribers('budget')).toContain(other.id);
  });
});
