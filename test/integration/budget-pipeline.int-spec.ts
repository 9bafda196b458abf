import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_COLLECTIVITIES } from '@openactes/demo-data';
import type { BudgetCounts } from '@openactes/domain';
import { fieldNames, parseCsv, SCDL_BUDGET_SCHEMA, SCDL_SUBVENTIONS_SCHEMA, validateTable, writeActeArchive, type TableSchema } from '@openactes/formats';
import { BudgetStore, TenantStore } from '@openactes/persistence';
import { eventually, openStores, postArchive, startGateway, startWorker, testConfig, TEST_PLATFORM_TOKEN, type RunningGateway, type RunningWorker } from '../support/harness';

const SHARED = process.env.SHARED_DIR ?? path.resolve(__dirname, '../../../shared');
const SAMPLES = path.join(SHARED, 'samples/budget');
const PLANS = path.join(SHARED, 'schemas/reference/plans-de-comptes');
const sample = (name: string) => fs.readFileSync(path.join(SAMPLES, `${name}.totem.xml`));
/** A real sample as another collectivity's (a valid SIRET of the demo), so that its natural key and rows are its own. */
const sampleAs = (name: string, fromSiret: string, toSiret: string) => Buffer.from(sample(name).toString('latin1').replaceAll(fromSiret, toSiret), 'latin1');
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

interface BudgetView {
  id: string;
  siren: string;
  year: number;
  status: string;
  failure: { code: string; message: string } | null;
  counts: BudgetCounts | null;
  warnings: string[];
  actId: string | null;
  steps: { action: string; outcome: string; details: Record<string, unknown> }[];
}

/** What the CONCOURS annex never carries, so every subventions row of a TOTEM file lacks it. */
const NOT_IN_TOTEM = ['dateConvention:required', 'conditionsVersement:required', 'datesPeriodeVersement:required', 'notificationUE:required'];

/**
 * Budgets through the real path: gateway → Temporal → worker → PostgreSQL →
 * datasets, on the real TOTEM samples and the DGFiP account plans read in place.
 */
describe('budget pipeline (gateway + Temporal + worker + PostgreSQL)', () => {
  const config = testConfig({ ACCOUNT_PLANS_DIR: PLANS });
  let stores: Awaited<ReturnType<typeof openStores>>;
  let budgets: BudgetStore;
  let gateway: RunningGateway;
  let worker: RunningWorker;

  beforeAll(async () => {
    stores = await openStores(config);
    budgets = new BudgetStore(stores.dataSource, stores.audit);
    gateway = await startGateway(config);
    worker = await startWorker(config, stores.dataSource);
  });

  afterAll(async () => {
    await worker?.stop();
    await gateway?.stop();
    await stores?.dataSource.destroy();
  });

  const postBudget = (baseUrl: string, body: Buffer, { token = TEST_PLATFORM_TOKEN, contentType = 'application/xml' } = {}) =>
    fetch(`${baseUrl}/api/v1/budgets`, { method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${token}` }, body });
  const getBudget = async (id: string, baseUrl = gateway.baseUrl) => (await (await fetch(`${baseUrl}/api/v1/budgets/${id}`)).json()) as BudgetView;
  const settled = (id: string, baseUrl = gateway.baseUrl) => eventually(() => getBudget(id, baseUrl), (b) => b.status === 'published' || b.status === 'failed', 60_000);
  const retry = (id: string, baseUrl = gateway.baseUrl, token = TEST_PLATFORM_TOKEN) =>
    fetch(`${baseUrl}/api/v1/budgets/${id}/retry`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  /** A served dataset, parsed, after checking it passes its schema as a whole file. */
  const servedDataset = async (dataset: 'budget' | 'subventions', schema: TableSchema, query: string) => {
    const res = await fetch(`${gateway.baseUrl}/api/v1/datasets/${dataset}.csv${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = parseCsv(await res.text());
    expect(header).toEqual(fieldNames(schema));
    expect(validateTable(schema, header, rows)).toEqual({ valid: true, errors: [], warnings: [] });
    return rows;
  };

  it.each([
    // name, SIREN, year, LigneBudget, rows published, totals dropped, CONCOURS, subventions reasons beyond NOT_IN_TOTEM
    ['crach-2021-CA-budget-principal', '215600461', 2021, 196, 196, 0, 36, ['idBeneficiaire:one-of-required', 'objet:required']],
    ['crach-2022-BP-budget-principal', '215600461', 2022, 201, 201, 0, 31, ['idBeneficiaire:one-of-required']],
    ['saint-malo-agglo-2022-BP-transport-M43', '243500782', 2022, 123, 123, 0, 0, []],
    ['mohon-2023-CFU-M57', '215601345', 2023, 796, 163, 633, 37, ['idBeneficiaire:one-of-required', 'objet:required']],
  ])('%s: posted, published, and served as rows the validator accepts', async (name, siren, year, read, published, calculated, concours, reasons) => {
    const xml = sample(name);
    const res = await postBudget(gateway.baseUrl, xml);
    expect(res.status).toBe(202);
    const { budgetId, status } = (await res.json()) as { budgetId: string; status: string };
    expect(status).toBe('received');

    const budget = await settled(budgetId);
    expect(budget).toMatchObject({ status: 'published', siren, year, failure: null });
    expect(budget.counts).toEqual({
      budget: { read, published, quarantined: 0, quarantineReasons: {}, dropped: { calculated, noNature: 0 } },
      subventions: { read: concours, published: 0, quarantined: concours, quarantineReasons: expect.any(Object) },
    });
    expect(Object.keys(budget.counts!.subventions.quarantineReasons).sort()).toEqual(concours ? [...NOT_IN_TOTEM, ...reasons].sort() : []);
    expect(budget.steps.map((s) => s.action)).toEqual(['budget.received', 'budget.processing_started', 'budget.converted', 'budget.published']);

    expect(await servedDataset('budget', SCDL_BUDGET_SCHEMA, `?siren=${siren}&year=${year}`)).toHaveLength(published);
    // The annex never says when and how subsidies are paid: quarantined, never published, never lost.
    expect(await servedDataset('subventions', SCDL_SUBVENTIONS_SCHEMA, `?siren=${siren}&year=${year}`)).toEqual([]);
    expect((await budgets.rows(budgetId, 'subventions')).filter((r) => r.errors?.length)).toHaveLength(concours);

    // The same flux again, or another flux with the same natural key: the same budget.
    const again = await postBudget(gateway.baseUrl, xml, { contentType: 'text/xml; charset=ISO-8859-1' });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ budgetId, status: 'published' });
    const resent = await postBudget(gateway.baseUrl, Buffer.concat([xml, Buffer.from('\n<!-- sent again -->\n')]));
    expect(resent.status).toBe(200);
    expect(((await resent.json()) as { budgetId: string }).budgetId).toBe(budgetId);
    expect((await getBudget(budgetId)).steps.map((s) => s.action)).toContain('budget.duplicate_received');
  });

  it.each([
    ['a root that is not a budget document', Buffer.from('<?xml version="1.0"?><Budget xmlns="http://www.minefi.gouv.fr/cp/demat/docbudgetaire"/>'), 'INVALID_TOTEM'],
    ['a DocumentBudgetaire in another namespace', Buffer.from(sample('crach-2022-BP-budget-principal').toString('latin1').replace('cp/demat/docbudgetaire"', 'cp/demat/autre"'), 'latin1'), 'INVALID_TOTEM'],
    ['a DOCTYPE', Buffer.from('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><DocumentBudgetaire xmlns="http://www.minefi.gouv.fr/cp/demat/docbudgetaire"/>'), 'INVALID_XML'],
    ['Latin-1 bytes declared as UTF-8', Buffer.from(sample('saint-malo-agglo-2022-BP-transport-M43').toString('latin1').replace('ISO-8859-1', 'UTF-8'), 'latin1'), 'INVALID_XML'],
    ['malformed XML', Buffer.from('<?xml version="1.0"?><DocumentBudgetaire xmlns="http://www.minefi.gouv.fr/cp/demat/docbudgetaire">'), 'INVALID_XML'],
  ])('answers %s with a coded 400 and keeps the payload with its reason', async (_name, body, code) => {
    const res = await postBudget(gateway.baseUrl, body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe(code);
    expect(await stores.payloads.find(sha256(body))).toMatchObject({ kind: 'totem', outcome: 'rejected', rejectionCode: code, sizeBytes: body.length });
    const [event] = await stores.audit.forSubject('payload', sha256(body));
    expect(event).toMatchObject({ action: 'payload.rejected', outcome: 'rejected', details: expect.objectContaining({ code }) });
  });

  it('keeps the décisions modificatives of one exercice apart, by their decision date', async () => {
    const { siret } = DEMO_COLLECTIVITIES[4];
    const dm = (date: string) =>
      Buffer.from(sampleAs('crach-2022-BP-budget-principal', '21560046100010', siret).toString('latin1').replace('<NatDec V="01"/>', '<NatDec V="02"/>').replace('<DteDec V="2022-04-04"/>', `<DteDec V="${date}"/>`), 'latin1');
    const first = await postBudget(gateway.baseUrl, dm('2022-06-20'));
    const second = await postBudget(gateway.baseUrl, dm('2022-11-14'));
    expect([first.status, second.status]).toEqual([202, 202]);
    const [a, b] = [(await first.json()) as { budgetId: string }, (await second.json()) as { budgetId: string }];
    expect(a.budgetId).not.toBe(b.budgetId);
    expect((await settled(a.budgetId)).status).toBe('published');
    expect((await settled(b.budgetId)).status).toBe('published');
  });

  it('refuses a body that is not declared as XML with 415', async () => {
    const res = await postBudget(gateway.baseUrl, sample('crach-2022-BP-budget-principal'), { contentType: 'application/octet-stream' });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { code: string }).code).toBe('UNSUPPORTED_CONTENT_TYPE');
  });

  it('isolates SIRENs: a token neither submits, reads nor retries for another collectivity', async () => {
    const tenants = new TenantStore(stores.dataSource, stores.audit);
    const [own, other] = [DEMO_COLLECTIVITIES[2], DEMO_COLLECTIVITIES[3]];
    const { token } = await tenants.createToken({ platform: 'test-budgets-own', sirens: [own.siren] }, 'test');
    const { token: otherToken } = await tenants.createToken({ platform: 'test-budgets-other', sirens: [other.siren] }, 'test');

    const foreign = sampleAs('crach-2022-BP-budget-principal', '21560046100010', other.siret);
    const refused = await postBudget(gateway.baseUrl, foreign, { token });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('FORBIDDEN_SIREN');
    expect(await stores.payloads.find(sha256(foreign))).toMatchObject({ outcome: 'rejected', rejectionCode: 'FORBIDDEN_SIREN' });

    const accepted = await postBudget(gateway.baseUrl, sampleAs('crach-2022-BP-budget-principal', '21560046100010', own.siret), { token });
    expect(accepted.status).toBe(202);
    const { budgetId } = (await accepted.json()) as { budgetId: string };
    const read = (t: string) => fetch(`${gateway.baseUrl}/api/v1/budgets/${budgetId}`, { headers: { authorization: `Bearer ${t}` } });
    expect((await read(token)).status).toBe(200);
    expect((await read(otherToken)).status).toBe(403);
    expect((await retry(budgetId, gateway.baseUrl, otherToken)).status).toBe(403);
    expect(await settled(budgetId)).toMatchObject({ status: 'published', siren: own.siren });
  });

  it('fails a budget whose account plan is missing, with MISSING_ACCOUNT_PLAN, and publishes it on retry once the plan is added', async () => {
    const plansDir = fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR ?? os.tmpdir(), 'account-plans-'));
    const emptyPlans = testConfig({ ACCOUNT_PLANS_DIR: plansDir });
    const ownGateway = await startGateway(emptyPlans);
    const ownWorker = await startWorker(emptyPlans, stores.dataSource);
    try {
      const { siret } = DEMO_COLLECTIVITIES[0];
      const res = await postBudget(ownGateway.baseUrl, sampleAs('saint-malo-agglo-2022-BP-transport-M43', '24350078200095', siret));
      expect(res.status).toBe(202);
      const { budgetId } = (await res.json()) as { budgetId: string };

      const failed = await settled(budgetId, ownGateway.baseUrl);
      expect(failed).toMatchObject({ status: 'failed', failure: { code: 'MISSING_ACCOUNT_PLAN' }, counts: null });
      expect(failed.failure!.message).toContain('planDeCompte_2022_M4_M43_D.xml');
      expect(await servedDataset('budget', SCDL_BUDGET_SCHEMA, `?siren=${siret.slice(0, 9)}`)).toEqual([]);

      fs.copyFileSync(path.join(PLANS, 'planDeCompte_2022_M4_M43_D.xml'), path.join(plansDir, 'planDeCompte_2022_M4_M43_D.xml'));
      const retried = await retry(budgetId, ownGateway.baseUrl);
      expect(retried.status).toBe(202);
      const published = await eventually(() => getBudget(budgetId, ownGateway.baseUrl), (b) => b.status === 'published', 60_000);
      expect(published).toMatchObject({ failure: null, counts: { budget: { read: 123, published: 123, quarantined: 0 } } });
      expect(published.steps.map((s) => `${s.action}:${s.outcome}`)).toEqual([
        'budget.received:ok',
        'budget.processing_started:ok',
        'budget.converted:failed',
        'budget.failed:failed',
        'budget.retry_requested:ok',
        'budget.processing_started:ok',
        'budget.converted:ok',
        'budget.published:ok',
      ]);
      expect(await servedDataset('budget', SCDL_BUDGET_SCHEMA, `?siren=${siret.slice(0, 9)}`)).toHaveLength(123);

      const again = await retry(budgetId, ownGateway.baseUrl);
      expect(again.status).toBe(409);
      expect(((await again.json()) as { code: string }).code).toBe('CONFLICT');
    } finally {
      await ownWorker.stop();
      await ownGateway.stop();
    }
  });

  it('registers the TOTEM flux a budget act (nature 5) carries as a budget of that act', async () => {
    const collectivity = DEMO_COLLECTIVITIES[1];
    const totem = sampleAs('crach-2021-CA-budget-principal', '21560046100010', collectivity.siret);
    const { data } = writeActeArchive({
      siren: collectivity.siren,
      departement: collectivity.departement,
      date: '2022-03-01',
      numeroInterne: 'CA2021',
      nature: 'BF',
      matieres: [7, 1],
      objet: 'Compte administratif 2021',
      document: { data: Buffer.from('%PDF-1.4 placeholder') },
      annexes: [{ data: totem, extension: 'xml' }],
    });
    const res = await postArchive(gateway.baseUrl, data);
    expect(res.status).toBe(202);
    const { acts } = (await res.json()) as { acts: { id: string }[] };

    const [registered] = (await stores.dataSource.query('SELECT id FROM budget WHERE payload_sha256 = $1', [sha256(totem)])) as { id: string }[];
    const budget = await settled(registered.id);
    expect(budget).toMatchObject({ status: 'published', actId: acts[0].id, siren: collectivity.siren, counts: { budget: { published: 196 } } });
    expect(await servedDataset('budget', SCDL_BUDGET_SCHEMA, `?siren=${collectivity.siren}&year=2021`)).toHaveLength(196);

    // The same archive again: the same budget, no second one.
    expect((await postArchive(gateway.baseUrl, data)).status).toBe(200);
    const count = (await stores.dataSource.query('SELECT count(*)::int AS n FROM budget WHERE act_id = $1', [acts[0].id])) as { n: number }[];
    expect(count[0].n).toBe(1);
  });

  it('serves only the valid rows of published budgets, page after page', async () => {
    const { siret, siren } = DEMO_COLLECTIVITIES[4];
    const register = async (budgetCode: string) => {
      const payload = await stores.payloads.store({ kind: 'totem', contentType: 'application/xml', content: Buffer.from(`<x code="${budgetCode}"/>`), submitter: 'test' });
      const key = `${siret}-2030-01-${budgetCode}`;
      const { id } = await budgets.register(
        { budgetKey: key, workflowId: `budget-${key}`, payloadSha256: payload.sha256, siren, siret, year: 2030, natDec: '01', budgetCode,
          nomenclature: 'M57-M57_A', kind: 'budget', collectivityName: 'Test', budgetName: null, actId: null },
        'test',
      );
      await budgets.transition(id, 'processing', 'budget.processing_started', 'test');
      return id;
    };
    const subsidy = (montant: string) => ({
      nomAttribuant: 'Commune', idAttribuant: siret, dateConvention: '2030-02-01', referenceDecision: '', nomBeneficiaire: 'Association sportive',
      idBeneficiaire: '', rnaBeneficiaire: 'W123456789', objet: 'Fonctionnement', montant, nature: 'aide en numéraire',
      conditionsVersement: 'Unique', datesPeriodeVersement: '2030-03-01', idRAE: '', notificationUE: 'non', pourcentageSubvention: '1', dispositifAide: '',
    });
    const counts = (published: number, quarantined: number): BudgetCounts => ({
      budget: { read: 0, published: 0, quarantined: 0, quarantineReasons: {}, dropped: { calculated: 0, noNature: 0 } },
      subventions: { read: published + quarantined, published, quarantined, quarantineReasons: {} },
    });
    const published = await register('01');
    await budgets.saveConversion(published, {
      rows: [
        ...['100', '200', '300'].map((m, i) => ({ dataset: 'subventions' as const, position: i + 1, row: subsidy(m), errors: null })),
        { dataset: 'subventions', position: 4, row: subsidy(''), errors: [{ column: 'montant', code: 'required', message: 'montant is required' }] },
      ],
      counts: counts(3, 1),
      warnings: [],
    }, 'test');
    await budgets.transition(published, 'published', 'budget.published', 'test');
    const unpublished = await register('02');
    await budgets.saveConversion(unpublished, { rows: [{ dataset: 'subventions', position: 1, row: subsidy('999'), errors: null }], counts: counts(1, 0), warnings: [] }, 'test');

    const served = await servedDataset('subventions', SCDL_SUBVENTIONS_SCHEMA, `?siren=${siren}&year=2030`);
    expect(served.map((row) => row[fieldNames(SCDL_SUBVENTIONS_SCHEMA).indexOf('montant')])).toEqual(['100', '200', '300']);
    const paged: string[] = [];
    for await (const row of budgets.publishedRows('subventions', { siren, year: 2030 }, 2)) paged.push(row.montant);
    expect(paged).toEqual(['100', '200', '300']);

    const badQuery = await fetch(`${gateway.baseUrl}/api/v1/datasets/budget.csv?year=twenty`);
    expect(badQuery.status).toBe(400);
    expect(((await badQuery.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
  });
});
