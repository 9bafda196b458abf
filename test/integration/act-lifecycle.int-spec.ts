import { Client, Connection } from '@temporalio/client';
import { buildDemoArchives } from '@openactes/demo-data';
import fs from 'node:fs';
import path from 'node:path';
import { parseCsv, writeActeArchive, writeAnnulationArchive, writeArchive, writePrefectureArchive } from '@openactes/formats';
import { TenantStore } from '@openactes/persistence';
import { eventually, openStores, postArchive, startGateway, startWorker, testConfig, type RunningGateway, registerCollectivities } from '../support/harness';

/**
 * The prefecture's answers move the act through gateway, Temporal and PostgreSQL:
 * acknowledged (final IDActe, PREF_DATE), rejected (never published), cancelled
 * after publication (withdrawn from the dataset).
 */
describe('act lifecycle driven by ACTES messages', () => {
  const config = testConfig();
  let stores: Awaited<ReturnType<typeof openStores>>;
  let gateway: RunningGateway;
  const archives = buildDemoArchives({ seed: 505, count: 3 });

  beforeAll(async () => {
    stores = await openStores(config);
    await registerCollectivities(stores.dataSource);
    gateway = await startGateway(config);
  });

  afterAll(async () => {
    await gateway?.stop();
    await stores?.dataSource.destroy();
  });

  const act = async (id: string) =>
    (await (await fetch(`${gateway.baseUrl}/api/v1/acts/${id}`)).json()) as { status: string; steps: { action: string }[] };
  const csvRows = async (siren: string) => parseCsv(await (await fetch(`${gateway.baseUrl}/api/v1/datasets/deliberations.csv?siren=${siren}`)).text());
  const post = async (data: Buffer) => {
    const res = await postArchive(gateway.baseUrl, data);
    return { status: res.status, body: (await res.json()) as { acts: { id: string; status: string }[]; code?: string } };
  };
  const idActeOf = (a: (typeof archives)[number]) =>
    `${a.spec.departement}-${a.spec.siren}-${a.spec.date.replaceAll('-', '')}-${a.spec.numeroInterne}-DE`;

  it('acknowledges a published act, then withdraws it when it is cancelled', async () => {
    const [a] = archives;
    const worker = await startWorker(config, stores.dataSource);
    try {
      const sent = await post(a.data);
      expect(sent.status).toBe(202);
      const actId = sent.body.acts[0].id;
      await eventually(() => act(actId), (x) => x.status === 'published');

      const idActe = idActeOf(a);
      const ar = writePrefectureArchive({
        siren: a.spec.siren,
        departement: a.spec.departement,
        date: '2030-01-10',
        messages: [{ kind: 'ARActe', act: a.spec, dateReception: '2030-01-09' }],
      });
      const acknowledged = await post(ar.data);
      expect(acknowledged.status).toBe(202);
      expect(acknowledged.body.acts).toEqual([{ id: actId, status: 'published' }]);
      const stored = await stores.acts.find(actId);
      expect(stored).toMatchObject({ idActe, dateReception: '2030-01-09', prefectureStatus: 'acknowledged', prefectureService: `PREF${a.spec.departement}` });
      const row = (await csvRows(a.spec.siren)).find((r) => r[2] === a.spec.numeroInterne);
      expect(row?.[9]).toBe(`PREF${a.spec.departement}`);
      expect(row?.[10]).toBe('2030-01-09');

      const cancelled = await post(writeAnnulationArchive({ idActe, transmissionDate: '2030-02-01' }).data);
      expect(cancelled.status).toBe(202);
      expect(cancelled.body.acts).toEqual([{ id: actId, status: 'withdrawn' }]);
      expect((await csvRows(a.spec.siren)).some((r) => r[2] === a.spec.numeroInterne)).toBe(false);
      expect((await act(actId)).steps.map((s) => s.action)).toEqual(expect.arrayContaining(['act.message.ARActe', 'act.message.Annulation']));
    } finally {
      await worker.stop();
    }
  });

  it('never publishes an act the prefecture rejected', async () => {
    const [, b] = archives;
    // No worker yet: the anomaly arrives before the pipeline runs.
    const sent = await post(b.data);
    const actId = sent.body.acts[0].id;
    const anomaly = writePrefectureArchive({
      siren: b.spec.siren,
      departement: b.spec.departement,
      date: '2030-01-10',
      messages: [{ kind: 'AnomalieActe', act: b.spec, date: '2030-01-10', nature: '001', detail: 'Classification obsolète' }],
    });
    const rejected = await post(anomaly.data);
    expect(rejected.body.acts).toEqual([{ id: actId, status: 'rejected' }]);

    const worker = await startWorker(config, stores.dataSource);
    try {
      // The workflow runs to its end: it must stop without publishing.
      const connection = await Connection.connect({ address: config.temporal.address });
      try {
        const client = new Client({ connection, namespace: config.temporal.namespace });
        const stored = await stores.acts.find(actId);
        const result = await client.workflow.getHandle(stored!.workflowId).result();
        expect(result).toMatchObject({ status: 'rejected' });
      } finally {
        await connection.close();
      }
      expect((await act(actId)).status).toBe('rejected');
      expect((await csvRows(b.spec.siren)).some((r) => r[2] === b.spec.numeroInterne)).toBe(false);
    } finally {
      await worker.stop();
    }
  });

  it('starts a rejected act over when the collectivity sends it again, corrected', async () => {
    const [, b] = archives; // rejected by the previous test
    const resent = writeActeArchive({ ...b.spec, transmissionNumber: 2, classificationDate: '2030-01-01' });
    const again = await post(resent.data);
    expect(again.status).toBe(202);
    const actId = again.body.acts[0].id;
    expect(again.body.acts[0].status).toBe('received');
    expect((await stores.acts.find(actId))?.prefectureStatus).toBe('transmitted');

    const worker = await startWorker(config, stores.dataSource);
    try {
      await eventually(() => act(actId), (x) => x.status === 'published');
      const ar = writePrefectureArchive({ siren: b.spec.siren, departement: b.spec.departement, date: '2030-01-20', messages: [{ kind: 'ARActe', act: b.spec, dateReception: '2030-01-19' }] });
      expect((await post(ar.data)).body.acts).toEqual([{ id: actId, status: 'published' }]);
      expect((await act(actId)).steps.map((s) => s.action)).toEqual(expect.arrayContaining(['act.message.AnomalieActe', 'act.retransmitted', 'act.published']));
      expect((await csvRows(b.spec.siren)).some((r) => r[2] === b.spec.numeroInterne)).toBe(true);
    } finally {
      await worker.stop();
    }
  });

  it('keeps the classification a prefecture sends a collectivity (7-2)', async () => {
    const siren = archives[0].spec.siren;
    const envelopeName = `EACT--PREF035-${siren}-20300115-1.xml`;
    const classificationName = `035-${siren}----7-2_1.xml`;
    const envelope = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<actes:EnveloppeMISILLCL xmlns:actes="http://www.interieur.gouv.fr/ACTES#v1.1-20040216" xmlns:insee="http://xml.insee.fr/schema">',
      '  <actes:Emetteur><actes:IDPref actes:Departement="035"/></actes:Emetteur>',
      `  <actes:FormulairesEnvoyes><actes:Formulaire><actes:NomFichier>${classificationName}</actes:NomFichier></actes:Formulaire></actes:FormulairesEnvoyes>`,
      `  <actes:Destinataire insee:SIREN="${siren}"/>`,
      '</actes:EnveloppeMISILLCL>',
    ].join('\n');
    const sample = fs.readFileSync(path.join(process.env.SHARED_DIR ?? path.resolve(__dirname, '../../../shared'), 'samples/actes/exemple_codes_matieres.xml'));
    const { data } = writeArchive([{ name: envelopeName, data: Buffer.from(envelope) }, { name: classificationName, data: sample }], `SLO-${envelopeName.replace('.xml', '.tar.gz')}`);
    const res = await post(data);
    expect(res.status).toBe(202);
    const classification = await new TenantStore(stores.dataSource, stores.audit).classification(siren);
    expect(classification?.matieres.length).toBeGreaterThan(0);
    expect(classification?.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('refuses a message about an act it never received, and keeps it', async () => {
    const [, , c] = archives;
    const ar = writePrefectureArchive({
      siren: c.spec.siren,
      departement: c.spec.departement,
      date: '2030-01-10',
      messages: [{ kind: 'ARActe', act: c.spec, dateReception: '2030-01-09' }],
    });
    const res = await post(ar.data);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('UNKNOWN_ACT');
  });
});
