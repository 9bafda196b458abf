import { runCli } from '@openactes/cli';
import { auditEvents, verifyAuditTrail } from '@openactes/persistence';
import { loginAs, openStores, startGateway, testConfig, type RunningGateway } from '../support/harness';

/** Runs the CLI against the test database, capturing what it prints. */
async function cli(databaseUrl: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = databaseUrl;
  const out: string[] = [];
  const err: string[] = [];
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
  try {
    return { code: await runCli(args), out: out.join(''), err: err.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    if (previous === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previous;
  }
}

/** The audit trail's tools: verify detects a row altered in the database; export by subject and period (CLI and API). */
describe('audit verify and export', () => {
  const config = testConfig();
  let stores: Awaited<ReturnType<typeof openStores>>;
  let gateway: RunningGateway;

  beforeAll(async () => {
    stores = await openStores(config);
    gateway = await startGateway(config);
  });

  afterAll(async () => {
    await gateway?.stop();
    await stores?.dataSource.destroy();
  });

  it('refuses UPDATE and DELETE of audit rows to the application (the trigger)', async () => {
    await stores.audit.append({ actor: 'test', action: 'test.append_only', subjectType: 'test', subjectId: 'append-only', outcome: 'ok' });
    await expect(stores.dataSource.query(`UPDATE audit_event SET actor = 'mallory' WHERE subject_id = 'append-only'`)).rejects.toThrow(/append-only/);
    await expect(stores.dataSource.query(`DELETE FROM audit_event WHERE subject_id = 'append-only'`)).rejects.toThrow(/append-only/);
  });

  it('reports an intact chain, then the first event altered directly in SQL, then intact again once restored', async () => {
    const intact = await cli(config.databaseUrl, ['audit', 'verify']);
    expect(intact.code).toBe(0);
    expect(intact.out).toMatch(/^audit chain intact: \d+ events\n$/);

    const target = await stores.audit.append({ actor: 'test', action: 'test.tamper_target', subjectType: 'test', subjectId: 'tamper', outcome: 'ok', details: { amount: 100 } });
    const alter = async (details: Record<string, unknown>) => {
      // As a superuser would: the application's role cannot get past the trigger.
      await stores.dataSource.transaction(async (m) => {
        await m.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
        await m.query(`UPDATE audit_event SET details = $2 WHERE seq = $1`, [target.seq, JSON.stringify(details)]);
        await m.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);
      });
    };
    await alter({ amount: 1 });
    try {
      const broken = await cli(config.databaseUrl, ['audit', 'verify']);
      expect(broken.code).toBe(1);
      expect(broken.out).toMatch(new RegExp(`^audit chain broken at event ${target.seq} \\(position \\d+ of chain \\d+\\): payload_digest, hash differ\\n$`));
      const check = await verifyAuditTrail(stores.dataSource);
      expect(check.broken).toMatchObject({ seq: target.seq, differs: ['payload_digest', 'hash'] });
      const admin = await loginAs(gateway.baseUrl, stores.dataSource, 'admin');
      const api = (await (await fetch(`${gateway.baseUrl}/api/v1/audit/verify`, { headers: { cookie: admin.cookie } })).json()) as { broken: { seq: string } };
      expect(api.broken.seq).toBe(target.seq);
    } finally {
      await alter({ amount: 100 });
    }
    expect((await cli(config.databaseUrl, ['audit', 'verify'])).code).toBe(0);
  });

  it('exports the events of a subject and a period as JSON and CSV, from the CLI and the API (admin only)', async () => {
    const before = new Date();
    for (const n of [1, 2, 3]) await stores.audit.append({ actor: 'test', action: `test.export_${n}`, subjectType: 'act', subjectId: 'export-subject', outcome: 'ok', details: { n, note: 'a, "quoted" value' } });
    await stores.audit.append({ actor: 'test', action: 'test.other', subjectType: 'act', subjectId: 'other-subject', outcome: 'ok' });

    const json = await cli(config.databaseUrl, ['audit', 'export', '--format', 'json', '--subject-type', 'act', '--subject-id', 'export-subject', '--from', before.toISOString()]);
    expect(json.code).toBe(0);
    const events = JSON.parse(json.out) as { action: string; details: { n: number }; hash: string }[];
    expect(events.map((e) => e.action)).toEqual(['test.export_1', 'test.export_2', 'test.export_3']);
    const stored: string[] = [];
    for await (const e of auditEvents(stores.dataSource, { subjectType: 'act', subjectId: 'export-subject' })) stored.push(e.hash);
    expect(events.map((e) => e.hash)).toEqual(stored);

    const csv = await cli(config.databaseUrl, ['audit', 'export', '--format', 'csv', '--subject-type', 'act', '--subject-id', 'export-subject']);
    const lines = csv.out.trimEnd().split('\n');
    expect(lines[0]).toBe('seq,chain,at,actor,action,subject_type,subject_id,outcome,details,payload_digest,prev_hash,hash');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('"{""n"":1,""note"":""a, \\""quoted\\"" value""}"');

    const empty = await cli(config.databaseUrl, ['audit', 'export', '--format', 'json', '--subject-id', 'export-subject', '--to', before.toISOString()]);
    expect(JSON.parse(empty.out)).toEqual([]);
    expect((await cli(config.databaseUrl, ['audit', 'export', '--format', 'xml'])).code).toBe(2);

    const admin = await loginAs(gateway.baseUrl, stores.dataSource, 'admin');
    const url = `${gateway.baseUrl}/api/v1/audit?subjectType=act&subjectId=export-subject`;
    const apiJson = (await (await fetch(url, { headers: { cookie: admin.cookie } })).json()) as { action: string }[];
    expect(apiJson.map((e) => e.action)).toEqual(['test.export_1', 'test.export_2', 'test.export_3']);
    const apiCsv = await fetch(`${url}&format=csv`, { headers: { cookie: admin.cookie } });
    expect(apiCsv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await apiCsv.text()).trimEnd().split('\r\n')).toHaveLength(4);
    const reviewer = await loginAs(gateway.baseUrl, stores.dataSource, 'reviewer');
    expect((await fetch(url, { headers: { cookie: reviewer.cookie } })).status).toBe(403);
    expect((await fetch(url)).status).toBe(401);
  });
});
