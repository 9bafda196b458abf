import { openStores, testConfig } from '../support/harness';

describe('persistence (real PostgreSQL, migrations applied)', () => {
  const config = testConfig();
  let stores: Awaited<ReturnType<typeof openStores>>;

  beforeAll(async () => {
    stores = await openStores(config);
  });

  afterAll(async () => {
    await stores?.dataSource.destroy();
  });

  it('stores a payload once, whatever the number of receptions', async () => {
    const content = Buffer.from(`payload ${Date.now()}`);
    const first = await stores.payloads.store({ kind: 'test', contentType: null, content, submitter: 'test' });
    const second = await stores.payloads.store({ kind: 'test', contentType: null, content, submitter: 'test' });
    expect(first.isNew).toBe(true);
    expect(second).toMatchObject({ isNew: false, sha256: first.sha256 });
    expect(await stores.payloads.content(first.sha256)).toEqual(content);
  });

  it('keeps the audit trail append-only and its hash chain verifiable', async () => {
    const event = await stores.audit.append({ actor: 'test', action: 'test.event', subjectType: 'test', subjectId: 't1', outcome: 'ok', details: { n: 1 } });
    await expect(stores.dataSource.query('UPDATE audit_event SET outcome = $1 WHERE seq = $2', ['failed', event.seq])).rejects.toThrow(/append-only/);
    await expect(stores.dataSource.query('DELETE FROM audit_event WHERE seq = $1', [event.seq])).rejects.toThrow(/append-only/);
    const check = await stores.audit.verify();
    expect(check.firstBrokenSeq).toBeNull();
    expect(check.checked).toBeGreaterThan(0);
  });
});
