import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApplicationFailure, Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createPullActivities } from '@openactes/activities';
import { runCli } from '@openactes/cli';
import { pullScheduleId, type ImportedTransaction, type ImportPlatformTransactionInput, type PullActivities, type PullPlatformResult } from '@openactes/contracts';
import { generateDeliberations } from '@openactes/demo-data';
import { formatIdActe } from '@openactes/domain';
import { buildActeArchiveFiles, writeTextPdf } from '@openactes/formats';
import { PullStore } from '@openactes/persistence';
import { eventually, openStores, startWorker, testConfig } from '../support/harness';

const USER = 'megalis';
const PASSWORD = 's3cret-pull';

interface RemoteTransaction {
  id: string;
  type: string;
  /** S²LOW status: 4 = acquittement reçu. */
  status: number;
  numeroInterne: string;
  files: { id: string; name: string; codePj: string; data: Buffer }[];
  ar: Buffer;
}

/**
 * A S²LOW-style platform following the documented endpoints: acknowledged transactions listed newest
 * first with offset/limit, their files, each file's bytes and the ARActe; Basic auth required.
 * Faults: one 500 on a chosen call, and a call held open until the client gives up.
 */
class FakeS2low {
  readonly transactions: RemoteTransaction[] = [];
  readonly requests: { path: string; params: Record<string, string>; authenticated: boolean }[] = [];
  /** `${path}?${param}` keys answered 500 the first time. */
  readonly failOnce = new Set<string>();
  hold: { key: string; entered: () => void } | null = null;
  private server!: Server;
  baseUrl = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  callsTo(path: string): number {
    return this.requests.filter((r) => r.path.endsWith(path) && r.authenticated).length;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url!, this.baseUrl);
    const params = Object.fromEntries(url.searchParams);
    const authenticated = req.headers.authorization === `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
    this.requests.push({ path: url.pathname, params, authenticated });
    if (!authenticated) return void res.writeHead(401).end('Authentication required');
    const key = `${url.pathname}?${params.transaction ?? params.file ?? params.id ?? ''}`;
    if (this.failOnce.delete(key)) return void res.writeHead(500).end('Internal Server Error');
    if (this.hold?.key === key) {
      const { entered } = this.hold;
      this.hold = null;
      entered(); // and never answer: the client gives up (cancelled by the stopping worker)
      return;
    }
    const json = (body: unknown) => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const find = (id: string) => this.transactions.find((t) => t.id === id);
    switch (url.pathname) {
      case '/modules/actes/api/list_actes.php': {
        const offset = Number(params.offset ?? 0);
        const limit = Number(params.limit ?? 100);
        const rows = this.transactions.filter((t) => String(t.status) === params.status_id).sort((a, b) => Number(b.id) - Number(a.id));
        return json({
          status_id: params.status_id, authority_id: '2', offset: String(offset), limit: String(limit),
          transactions: rows.slice(offset, offset + limit).map((t) => ({
            id: t.id, subject: 'Objet', number: t.numeroInterne, date: '2026-01-15', nature_descr: 'Délibérations', classification: '7.1', type: t.type,
          })),
        });
      }
      case '/modules/actes/actes_transac_get_files_list.php': {
        const t = find(params.transaction);
        if (!t) return void res.writeHead(200).end('KO\nNuméro de transaction invalide.');
        return json(t.files.map((f) => ({ id: f.id, name: f.name, posted_filename: `${f.id}.pdf`, mimetype: 'application/pdf', size: f.data.length, sign: '', code_pj: f.codePj })));
      }
      case '/modules/actes/actes_download_file.php': {
        const file = this.transactions.flatMap((t) => t.files).find((f) => f.id === params.file);
        return file ? void res.writeHead(200).end(file.data) : void res.writeHead(404).end();
      }
      case '/modules/actes/actes_transac_get_ARActe.php': {
        const t = find(params.id);
        return t ? void res.writeHead(200, { 'content-type': 'application/xml' }).end(t.ar) : void res.writeHead(404).end();
      }
      default:
        res.writeHead(404).end();
    }
  }
}

/** Acknowledged acts as the platform holds them: real Acte XML and PDFs, and the prefecture's ARActe. */
function remoteActs(count: number, firstId: number, prefix = 'PULL'): RemoteTransaction[] {
  return generateDeliberations({ seed: 606, count }).map((d, i) => {
    const id = String(firstId + i);
    const spec = {
      siren: d.collectivity.siren,
      departement: d.collectivity.departement,
      date: d.date,
      numeroInterne: `${prefix}_${String(i + 1).padStart(3, '0')}`,
      nature: 'DE' as const,
      matieres: d.matieres,
      objet: d.objet,
      document: { data: writeTextPdf(d.pages, { title: d.objet }), pieceType: '99_DE' },
      encoding: 'UTF-8' as const,
    };
    const [, ...members] = buildActeArchiveFiles(spec).files; // the platform keeps the files, not our envelope
    const ar = Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?>\n<actes:ARActe xmlns:actes="http://www.interieur.gouv.fr/ACTES#v1.1-20040216" actes:IDActe="${formatIdActe(spec)}" actes:DateReception="${d.date}"/>\n`,
    );
    return {
      id, type: '1', status: 4, numeroInterne: spec.numeroInterne, ar,
      files: members.map((m, n) => ({ id: `${id}${n}`, name: m.name, codePj: /^(\d{2}_[A-Z]{2})-/.exec(m.name)?.[1] ?? '', data: m.data })),
    };
  });
}

describe('pull connector (S²LOW API → ingestion → act workflows)', () => {
  const config = testConfig();
  const platform = new FakeS2low();
  let stores: Awaited<ReturnType<typeof openStores>>;
  let pulls: PullStore;
  let connection: Connection;
  let client: Client;

  beforeAll(async () => {
    await platform.start();
    platform.transactions.push(...remoteActs(7, 1001));
    // A letter from the prefecture, also in status 4: not an act, never imported.
    platform.transactions.push({ id: '1008', type: '2', status: 4, numeroInterne: 'COURRIER', files: [], ar: Buffer.alloc(0) });
    stores = await openStores(config);
    pulls = new PullStore(stores.dataSource, stores.audit);
    connection = await Connection.connect({ address: config.temporal.address });
    client = new Client({ connection, namespace: config.temporal.namespace });
  });

  afterAll(async () => {
    await connection?.close();
    await stores?.dataSource.destroy();
    await platform.stop();
  });

  const runPull = (platformId: string) =>
    client.workflow.start('pullPlatformWorkflow', { workflowId: pullScheduleId(platformId), taskQueue: config.temporal.taskQueue, args: [{ platformId }] });
  const ledger = async (platformId: string) =>
    (await stores.dataSource.query('SELECT remote_id, act_id, ar_payload_sha256, rejection_code FROM pulled_transaction WHERE platform_id = $1 ORDER BY remote_id', [
      platformId,
    ])) as { remote_id: string; act_id: string | null; ar_payload_sha256: string | null; rejection_code: string | null }[];
  const pulledActs = async () =>
    (await stores.dataSource.query(`SELECT id, status FROM act WHERE numero_interne LIKE 'PULL\\_%' ORDER BY numero_interne`)) as { id: string; status: string }[];

  it('imports every acknowledged act exactly once, resumes after an interrupted run, and publishes them', async () => {
    const { platformId } = await pulls.configure({ platform: 'test-s2low', baseUrl: platform.baseUrl, username: USER, password: PASSWORD, pageSize: 3 }, 'test');
    platform.failOnce.add('/modules/actes/actes_transac_get_files_list.php?1006'); // transient: the retry must go through
    const held = new Promise<void>((entered) => (platform.hold = { key: '/modules/actes/actes_transac_get_files_list.php?1004', entered }));

    const first = await startWorker(config, stores.dataSource);
    let second: Awaited<ReturnType<typeof startWorker>> | undefined;
    try {
      const handle = await runPull(platformId);
      await held; // 1007, 1006 (after its 500) and 1005 are in; 1004 hangs when the worker stops
      expect((await ledger(platformId)).map((r) => r.remote_id)).toEqual(['1005', '1006', '1007']);
      await first.stop();

      second = await startWorker(config, stores.dataSource);
      const result = (await handle.result()) as PullPlatformResult;
      expect(result).toMatchObject({ listed: 8, imported: 7, rejected: 0, failed: 0, actsStarted: 7, disabled: false });

      const rows = await ledger(platformId);
      expect(rows.map((r) => r.remote_id)).toEqual(['1001', '1002', '1003', '1004', '1005', '1006', '1007']);
      expect(rows.every((r) => r.act_id && r.ar_payload_sha256 && !r.rejection_code)).toBe(true);
      const acts = await pulledActs();
      expect(acts).toHaveLength(7);
      expect(new Set(rows.map((r) => r.act_id))).toEqual(new Set(acts.map((a) => a.id)));
      const pulledEvents = (await stores.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'platform.transaction_pulled' AND subject_id = $1`, [
        platformId,
      ])) as { n: number }[];
      expect(pulledEvents[0].n).toBe(7);
      expect(platform.callsTo('get_files_list.php')).toBe(7 + 1 + 1); // each once, plus the 500 and the held call

      const ar = await stores.payloads.find(rows[0].ar_payload_sha256!);
      expect(ar).toMatchObject({ kind: 'actes_ar', submitter: 'platform:test-s2low' });
      expect((await stores.payloads.content(rows[0].ar_payload_sha256!))?.equals(platform.transactions[0].ar)).toBe(true);

      await eventually(pulledActs, (list) => list.every((a) => a.status === 'published'), 45_000);
      // The pulled ARActe acknowledged each act: final IDActe and the legal date of transmission.
      const acknowledged = await Promise.all(acts.map((a) => stores.acts.find(a.id)));
      expect(acknowledged.every((a) => a?.prefectureStatus === 'acknowledged' && a.idActe !== null && a.dateReception !== null)).toBe(true);

      // Again: every transaction is in the ledger, nothing is downloaded or imported.
      const downloadsBefore = platform.callsTo('actes_download_file.php');
      const again = (await (await runPull(platformId)).result()) as PullPlatformResult;
      expect(again).toMatchObject({ listed: 8, imported: 0, actsStarted: 0 });
      expect(platform.callsTo('actes_download_file.php')).toBe(downloadsBefore);
      expect(await ledger(platformId)).toHaveLength(7);
      expect(await pulledActs()).toHaveLength(7);
      expect((await pulls.overview()).find((p) => p.platformId === platformId)).toMatchObject({ pulled: 7, withAct: 7, rejected: 0, lastError: null });
    } finally {
      await first.stop();
      await second?.stop();
    }
  });

  it('fails the run visibly, without retrying, when the platform refuses the credentials', async () => {
    const { platformId } = await pulls.configure({ platform: 'test-s2low-no-auth', baseUrl: platform.baseUrl }, 'test');
    const worker = await startWorker(config, stores.dataSource);
    try {
      const refused = () => platform.requests.filter((r) => !r.authenticated).length;
      const before = refused();
      const failure = await (await runPull(platformId)).result().then(
        () => null,
        (err: unknown) => err,
      );
      expect(failure).toBeInstanceOf(WorkflowFailedError);
      const cause = (failure as WorkflowFailedError).cause;
      expect(cause).toBeInstanceOf(ApplicationFailure);
      expect(cause).toMatchObject({ type: 'PLATFORM_AUTH_FAILED', nonRetryable: true });
      expect(refused() - before).toBe(1);
      const status = (await pulls.overview()).find((p) => p.platformId === platformId);
      expect(status?.lastError).toMatch(/^PLATFORM_AUTH_FAILED: /);
      expect(status?.lastRunAt).toBeInstanceOf(Date);
      expect(await ledger(platformId)).toEqual([]);
    } finally {
      await worker.stop();
    }
  });

  it('configures a Schedule from the CLI and runs it on demand; the same acts from another platform stay the same acts', async () => {
    const env = { DATABASE_URL: config.databaseUrl, TEMPORAL_ADDRESS: config.temporal.address, TEMPORAL_TASK_QUEUE: config.temporal.taskQueue };
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    const out: string[] = [];
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const worker = await startWorker(config, stores.dataSource);
    let scheduleId: string | undefined;
    try {
      const configure = ['pull', 'configure', '--platform', 'test-s2low-cli', '--url', platform.baseUrl, '--username', USER, '--password', PASSWORD];
      expect(await runCli([...configure, '--every', '1h', '--page-size', '5'])).toBe(0);
      const { platformId } = JSON.parse(out.join('')) as { platformId: string };
      scheduleId = pullScheduleId(platformId);
      expect(await runCli([...configure, '--every', '2h'])).toBe(0); // updates the Schedule in place
      const described = await client.schedule.getHandle(scheduleId).describe();
      expect(described.spec.intervals?.[0].every).toBe(2 * 60 * 60 * 1000);
      expect(described.policies.overlap).toBe('SKIP');
      expect(described.action).toMatchObject({ workflowType: 'pullPlatformWorkflow', taskQueue: config.temporal.taskQueue, args: [{ platformId }] });

      expect(await runCli(['pull', 'run', '--platform', 'test-s2low-cli'])).toBe(0);
      await eventually(ledger.bind(null, platformId), (rows) => rows.length === 7);
      await eventually(
        async () => (await pulls.overview()).find((p) => p.platformId === platformId),
        (p) => p?.lastRunAt != null,
      );
      expect(await pulledActs()).toHaveLength(7); // the same acts: same business keys, no second act

      out.length = 0;
      expect(await runCli(['pull', 'status'])).toBe(0);
      const listed = out.join('').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(listed.find((p) => p.platformId === platformId)).toMatchObject({ platformName: 'test-s2low-cli', pageSize: 5, pulled: 7, withAct: 7, lastError: null });
      expect(out.join('')).not.toContain(PASSWORD);
    } finally {
      if (scheduleId) await client.schedule.getHandle(scheduleId).delete().catch(() => undefined);
      await worker.stop();
      stdout.mockRestore();
      stderr.mockRestore();
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    }
  });

  it('hands back an act still waiting for its workflow when an import is retried after it was recorded', async () => {
    // Validated (status 5), so never listed: only imported here, directly.
    const [transaction] = remoteActs(1, 2001, 'PULLR').map((t) => ({ ...t, status: 5 }));
    platform.transactions.push(transaction);
    const { platformId } = await pulls.configure({ platform: 'test-s2low-retry', baseUrl: platform.baseUrl, username: USER, password: PASSWORD }, 'test');
    const activities = createPullActivities({ pulls, payloads: stores.payloads, acts: stores.acts, audit: stores.audit });
    const importOnce = () =>
      new MockActivityEnvironment().run<[ImportPlatformTransactionInput], ImportedTransaction, PullActivities['importPlatformTransaction']>(
        (input) => activities.importPlatformTransaction(input),
        { platformId, remoteId: '2001' },
      );

    const first = await importOnce();
    expect(first).toMatchObject({ outcome: 'imported', acts: [{ actId: expect.any(String) }] });
    // The attempt that recorded it never reported: the retry finds the ledger row and the act still 'received'.
    const retried = await importOnce();
    expect(retried).toEqual({ remoteId: '2001', outcome: 'already_pulled', rejectionCode: null, acts: first.acts });
    expect(await ledger(platformId)).toHaveLength(1);

    await stores.acts.transition(first.acts[0].actId, 'processing', 'act.processing_started', 'test');
    expect((await importOnce()).acts).toEqual([]);
  });
});
