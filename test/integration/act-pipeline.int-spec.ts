import { DEMO_COLLECTIVITIES } from '@openactes/demo-data';
import { Context } from '@temporalio/activity';
import { actWorkflowId } from '@openactes/contracts';
import { buildDemoArchives } from '@openactes/demo-data';
import { writeActeArchive } from '@openactes/formats';
import { eventually, openStores, postArchive, startGateway, startWorker, testConfig, type RunningGateway, registerCollectivities } from '../support/harness';

/**
 * The walking skeleton through the real path: gateway → Temporal → worker →
 * PostgreSQL → dataset, on the real servers of the global setup.
 */
describe('act pipeline (gateway + Temporal + worker + PostgreSQL)', () => {
  const config = testConfig();
  let stores: Awaited<ReturnType<typeof openStores>>;
  let gateway: RunningGateway;

  beforeAll(async () => {
    stores = await openStores(config);
    await registerCollectivities(stores.dataSource, [...DEMO_COLLECTIVITIES.map((c) => c.siren), '213500713']);
    gateway = await startGateway(config);
  });

  afterAll(async () => {
    await gateway?.stop();
    await stores?.dataSource.destroy();
  });

  const actStatus = async (id: string) => ((await (await fetch(`${gateway.baseUrl}/api/v1/acts/${id}`)).json()) as { status: string; steps: { action: string; outcome: string; details: Record<string, unknown> }[]; failure: { code: string } | null });

  it('publishes a posted archive as a row of the SCDL CSV', async () => {
    const worker = await startWorker(config, stores.dataSource);
    try {
      const [archive] = buildDemoArchives({ seed: 101, count: 1 });
      const res = await postArchive(gateway.baseUrl, archive.data);
      expect(res.status).toBe(202);
      const body = (await res.json()) as { transmissionId: string; acts: { id: string; status: string }[] };
      expect(body.acts).toEqual([{ id: expect.any(String), status: 'received' }]);

      const act = await eventually(() => actStatus(body.acts[0].id), (a) => a.status === 'published');
      expect(act.steps.map((s) => s.action)).toEqual(
        expect.arrayContaining(['act.received', 'act.processing_started', 'act.text_extracted', 'act.record_built', 'act.published']),
      );

      const { deliberation } = archive;
      const csv = await (await fetch(`${gateway.baseUrl}/api/v1/datasets/deliberations.csv?siren=${deliberation.collectivity.siren}`)).text();
      const lines = csv.trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'COLL_NOM,COLL_SIRET,DELIB_ID,DELIB_DATE,DELIB_MATIERE_CODE,DELIB_MATIERE_NOM,DELIB_OBJET,BUDGET_ANNEE,BUDGET_NOM,PREF_ID,PREF_DATE,VOTE_EFFECTIF,VOTE_REEL,VOTE_POUR,VOTE_CONTRE,VOTE_ABSTENTION,DELIB_URL',
      );
      const row = lines.find((l) => l.includes(`,${deliberation.numeroInterne},${deliberation.date},`));
      expect(row).toBeDefined();

      // The same archive again is the same transmission: 200, same act, no second workflow.
      const again = await postArchive(gateway.baseUrl, archive.data);
      expect(again.status).toBe(200);
      expect(((await again.json()) as { acts: { id: string }[] }).acts[0].id).toBe(body.acts[0].id);
    } finally {
      await worker.stop();
    }
  });

  it('marks an act whose PDF cannot be read as failed, with a code, and can retry it', async () => {
    const worker = await startWorker(config, stores.dataSource);
    try {
      const { data } = writeActeArchive({
        siren: '213500713',
        departement: '035',
        date: '2026-02-03',
        numeroInterne: 'BROKEN_PDF_1',
        nature: 'DE',
        matieres: [7, 1],
        objet: 'Budget primitif 2026',
        document: { data: Buffer.from('%PDF-1.4\nthis is not really a PDF at all') },
      });
      const res = await postArchive(gateway.baseUrl, data);
      expect(res.status).toBe(202);
      const { acts } = (await res.json()) as { acts: { id: string }[] };
      const act = await eventually(() => actStatus(acts[0].id), (a) => a.status === 'failed');
      expect(act.failure?.code).toBe('UNREADABLE_PDF');

      const retry = await fetch(`${gateway.baseUrl}/api/v1/acts/${acts[0].id}/retry`, {
        method: 'POST',
        headers: { authorization: `Bearer ${config.devPlatformToken}` },
      });
      expect(retry.status).toBe(202);
      const after = await eventually(
        () => actStatus(acts[0].id),
        (a) => a.status === 'failed' && a.steps.filter((s) => s.action === 'act.failed').length === 2,
      );
      expect(after.steps.map((s) => s.action)).toContain('act.retry_requested');
    } finally {
      await worker.stop();
    }
  });

  it('finishes an act exactly once when its worker stops mid-extraction and another takes over', async () => {
    let entered!: () => void;
    const extractionStarted = new Promise<void>((resolve) => (entered = resolve));
    // First worker: extraction hangs until the worker shuts down under it.
    const first = await startWorker(config, stores.dataSource, (activities) => ({
      ...activities,
      extractActText: async () => {
        entered();
        await Context.current().cancelled;
        throw new Error('unreachable');
      },
    }));
    let second: Awaited<ReturnType<typeof startWorker>> | undefined;
    try {
      const [archive] = buildDemoArchives({ seed: 202, count: 1 });
      const res = await postArchive(gateway.baseUrl, archive.data);
      const { acts } = (await res.json()) as { acts: { id: string }[] };
      await extractionStarted;
      await first.stop();

      second = await startWorker(config, stores.dataSource);
      const act = await eventually(() => actStatus(acts[0].id), (a) => a.status === 'published', 60_000);
      expect(act.steps.filter((s) => s.action === 'act.published')).toHaveLength(1);
      // The interrupted attempt left no result; the next worker's attempt did the work.
      const extracted = act.steps.filter((s) => s.action === 'act.text_extracted');
      expect(extracted).toHaveLength(1);
      expect(extracted[0].details.attempt).toBeGreaterThanOrEqual(2);
      const records = (await stores.dataSource.query('SELECT count(*)::int AS n FROM deliberation_record WHERE act_id = $1', [acts[0].id])) as { n: number }[];
      expect(records[0].n).toBe(1);
      const row = await stores.acts.find(acts[0].id);
      expect(row?.workflowId).toBe(actWorkflowId(row!.actKey));
    } finally {
      await first.stop();
      await second?.stop();
    }
  });
});
