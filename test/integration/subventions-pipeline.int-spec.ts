import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { subventionFileWorkflowId } from '@openactes/contracts';
import { fieldNames, normaliseSubventions, parseCsv, SCDL_SUBVENTIONS_SCHEMA, validateTable, type SubventionFileReport } from '@openactes/formats';
import { SubventionStore, TenantStore } from '@openactes/persistence';
import { eventually, openStores, startGateway, startWorker, testConfig, TEST_PLATFORM_TOKEN, type RunningGateway, type RunningWorker } from '../support/harness';

const SHARED = process.env.SHARED_DIR ?? path.resolve(__dirname, '../../../shared');
const SAMPLES = path.join(SHARED, 'samples/subventions');
const sample = (file: string) => fs.readFileSync(path.join(SAMPLES, file));
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const HEADER = fieldNames(SCDL_SUBVENTIONS_SCHEMA);

interface SubventionFileView {
  id: string;
  fileName: string;
  attribuantSirens: string[];
  status: string;
  failure: { code: string; message: string } | null;
  report: SubventionFileReport | null;
  workflowId: string;
  steps: { action: string; outcome: string; details: Record<string, unknown> }[];
}

const PUBLISHED_STEPS = ['subventions.received', 'subventions.processing_started', 'subventions.normalised', 'subventions.published'];

/** Every shared sample, with the numbers the library's unit test establishes (normalise-subventions.spec.ts). */
const SAMPLE_COUNTS = [
  // file, read, published, quarantined, repairs by rule, reasons (problems of quarantined rows), duplicates merged
  ['official-examples/scdl-subventions-2.1.1-exemple_valide.csv', 29, 29, 0, {}, {}, 0],
  [
    'official-examples/scdl-subventions-2.1.1-exemple_invalide_erreurs_cellules.csv', 29, 0, 29,
    { 'percent-to-share': 3, 'date-to-iso': 1, 'decimal-comma': 2, 'period-separator': 1, 'nature-list-separator': 1 },
    { 'siret:idAttribuant': 29, 'pattern:rnaBeneficiaire': 3, 'siret:idBeneficiaire': 20, 'siret-digits-lost:idBeneficiaire': 1, 'type:notificationUE': 2,
      'pattern:idAttribuant': 1, 'one-of-required:idBeneficiaire': 1, 'required:montant': 1 },
    0,
  ],
  [
    'official-examples/scdl-subventions-2.1.1-exemple_invalide_erreurs_colonnes.csv', 29, 0, 29,
    { 'percent-to-share': 3, 'date-to-iso': 1, 'decimal-comma': 2, 'period-separator': 1, 'nature-list-separator': 1 },
    { 'missing-column:nomBeneficiaire': 29, 'siret:idAttribuant': 29, 'pattern:rnaBeneficiaire': 3, 'siret:idBeneficiaire': 20, 'siret-digits-lost:idBeneficiaire': 1,
      'type:notificationUE': 2, 'pattern:idAttribuant': 1, 'one-of-required:idBeneficiaire': 1, 'required:montant': 1 },
    0,
  ],
  [
    'etalab-format-reglementaire/etalab-format-subventions-exemple.csv', 2, 1, 1,
    { 'decimal-comma': 2, 'percent-to-share': 2, 'period-separator': 2, 'nature-list-separator': 2 }, { 'siret:idBeneficiaire': 1 }, 0,
  ],
  [
    'real-2018-messy/haute-garonne-datalocale-subventions.csv', 69, 37, 32, { 'period-separator': 40, 'enum-case': 128 },
    { 'required:datesPeriodeVersement': 29, 'required:conditionsVersement': 4, 'required:nomBeneficiaire': 1, 'one-of-required:idBeneficiaire': 1 }, 0,
  ],
  ['real-2018-messy/lot-2017-subventions-cp1252.csv', 13, 13, 0, { 'thousands-space': 13, 'decimal-comma': 13, 'period-separator': 5 }, {}, 0],
  [
    'real-2018-messy/nievre-2016-subventions-scdl-v1-latin1.csv', 97, 0, 97, { 'thousands-space': 90 },
    { 'missing-column:datesPeriodeVersement': 97, 'missing-column:pourcentageSubvention': 97, 'pattern:idAttribuant': 97, 'required:nature': 97,
      'required:conditionsVersement': 97, 'required:notificationUE': 97, 'siret:idAttribuant': 97, 'one-of-required:idBeneficiaire': 97, 'type:montant': 6, 'required:montant': 1 },
    0,
  ],
  [
    'real-2018-messy/poitiers-2017-subventions-scdl-v1.csv', 562, 0, 562, { 'boolean-case': 562 },
    { 'missing-column:nature': 562, 'missing-column:conditionsVersement': 562, 'missing-column:datesPeriodeVersement': 562, 'missing-column:pourcentageSubvention': 562,
      'siret-digits-lost:idAttribuant': 562, 'siret-digits-lost:idBeneficiaire': 562, 'pattern:idAttribuant': 562, 'siret:idAttribuant': 562, 'siret:idBeneficiaire': 562,
      'max-length:objet': 156 },
    0,
  ],
  [
    'real-2018-messy/somme-2018-conventions-cp1252.csv', 11, 0, 11, { 'thousands-space': 11, 'decimal-comma': 11, 'date-to-iso': 22, 'period-separator': 11 },
    { 'missing-column:notificationUE': 11, 'max-length:conditionsVersement': 11 }, 0,
  ],
] as const;

/**
 * Subventions CSV files through the real path: gateway → Temporal → worker →
 * PostgreSQL → the subventions datasets, on every shared sample read in place.
 */
describe('subventions pipeline (gateway + Temporal + worker + PostgreSQL)', () => {
  const config = testConfig({ DATASET_DEBOUNCE: '1s', DATASET_MAX_DELAY: '5s' });
  let stores: Awaited<ReturnType<typeof openStores>>;
  let gateway: RunningGateway;
  let worker: RunningWorker;
  const published = new Map<string, SubventionFileView>();

  beforeAll(async () => {
    stores = await openStores(config);
    gateway = await startGateway(config);
    worker = await startWorker(config, stores.dataSource);
  });

  afterAll(async () => {
    await worker?.stop();
    await gateway?.stop();
    await stores?.dataSource.destroy();
  });

  const postCsv = (body: Buffer, { fileName, token = TEST_PLATFORM_TOKEN, contentType = 'text/csv' }: { fileName?: string; token?: string; contentType?: string } = {}) =>
    fetch(`${gateway.baseUrl}/api/v1/subventions`, {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: `Bearer ${token}`, ...(fileName ? { 'content-disposition': `attachment; filename="${fileName}"` } : {}) },
      body,
    });
  const getFile = async (id: string, token?: string) =>
    (await (await fetch(`${gateway.baseUrl}/api/v1/subventions/${id}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })).json()) as SubventionFileView;
  const settled = (id: string) => eventually(() => getFile(id), (f) => f.status === 'published' || f.status === 'failed', 60_000);
  const retry = (id: string) => fetch(`${gateway.baseUrl}/api/v1/subventions/${id}/retry`, { method: 'POST', headers: { authorization: `Bearer ${TEST_PLATFORM_TOKEN}` } });
  const servedCsv = async (query: string): Promise<string[][]> => {
    const res = await fetch(`${gateway.baseUrl}/api/v1/datasets/subventions.csv${query}`);
    expect(res.status).toBe(200);
    const [header, ...rows] = parseCsv(await res.text());
    expect(header).toEqual(HEADER);
    expect(validateTable(SCDL_SUBVENTIONS_SCHEMA, header, rows)).toEqual({ valid: true, errors: [], warnings: [] });
    return rows;
  };
  /** The rows the library publishes from these files, as the dataset writes them. */
  const expectedRows = (files: readonly string[]) =>
    files.flatMap((file) => normaliseSubventions(sample(file), path.basename(file)).rows.filter((r) => !r.errors && r.duplicateOf === null).map((r) => HEADER.map((n) => r.row[n])));
  const sorted = (rows: string[][]) => rows.map((r) => JSON.stringify(r)).sort();

  describe('every shared sample as it is', () => {
    it.each(SAMPLE_COUNTS)('%s: read %i, published %i, quarantined %i', async (file, read, publishedRows, quarantined, repairsByRule, reasons, duplicatesMerged) => {
      const body = sample(file);
      const fileName = path.basename(file);
      const res = await postCsv(body, { fileName });
      expect(res.status).toBe(202);
      const { subventionFileId, status } = (await res.json()) as { subventionFileId: string; status: string };
      expect(status).toBe('received');
      const view = await settled(subventionFileId);
      expect(view).toMatchObject({ status: 'published', failure: null, fileName, workflowId: subventionFileWorkflowId(sha256(body)) });
      expect(view.steps.map((s) => s.action)).toEqual(PUBLISHED_STEPS);
      const r = view.report!;
      expect(r).toMatchObject({ read, published: publishedRows, quarantined, repairsByRule, reasons, duplicatesMerged });
      expect(r.quarantinedRows).toHaveLength(quarantined);
      console.log(
        `${fileName}: ${r.encoding} '${r.separator === '\t' ? 'tab' : r.separator}', read ${r.read}, published ${r.published} (repaired ${r.repairedRows}), quarantined ${r.quarantined}` +
          ` ${JSON.stringify(r.reasons)}, repairs ${JSON.stringify(r.repairsByRule)}, duplicates merged ${r.duplicatesMerged}` +
          (r.headerErrors.length ? `, header errors ${r.headerErrors.map((e) => `${e.code}:${e.column}`).join(' ')}` : ''),
      );
      published.set(file, view);

      // The same file again is the same file.
      const again = await postCsv(body, { fileName });
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ subventionFileId, status: 'published' });
    });

    it('the official invalid examples are quarantined for the expected errors', () => {
      const cells = published.get('official-examples/scdl-subventions-2.1.1-exemple_invalide_erreurs_cellules.csv')!.report!;
      expect(cells.headerErrors).toEqual([]);
      const problemsOf = (position: number) => cells.quarantinedRows.find((q) => q.position === position)!.errors.map((e) => `${e.code}:${e.column}`);
      // Every row: the attribuant SIRET 21860194600000 fails the checksum.
      expect(cells.quarantinedRows.every((q) => q.errors.some((e) => e.code === 'siret' && e.column === 'idAttribuant'))).toBe(true);
      expect(Object.keys(cells.reasons)).toEqual(
        expect.arrayContaining(['pattern:idAttribuant', 'pattern:rnaBeneficiaire', 'type:notificationUE', 'required:montant', 'siret-digits-lost:idBeneficiaire', 'one-of-required:idBeneficiaire']),
      );
      expect(problemsOf(1)).toEqual(['siret:idAttribuant']);
      const columns = published.get('official-examples/scdl-subventions-2.1.1-exemple_invalide_erreurs_colonnes.csv')!.report!;
      expect(columns.headerErrors.map((e) => `${e.code}:${e.column}`)).toEqual(['missing-column:nomBeneficiaire']);
      expect(columns.ignoredColumns).toEqual(['NOM_Beneficiaire']);
      expect(columns.quarantinedRows.every((q) => q.errors.some((e) => e.code === 'missing-column'))).toBe(true);
    });
  });

  it('serves exactly the published rows in the live subventions CSV, by SIREN and year, and in the versioned datasets', async () => {
    const bySiren = new Map<string, string[]>();
    for (const [file, view] of published) {
      if (view.report!.published === 0) continue;
      for (const siren of new Set(expectedRows([file]).map((row) => row[1].slice(0, 9)))) bySiren.set(siren, [...(bySiren.get(siren) ?? []), file]);
    }
    expect([...bySiren.keys()].sort()).toEqual(['210600045', '213104581', '224600015', '233500016'].filter((s) => bySiren.has(s)).sort());
    for (const [siren, files] of bySiren) {
      const expected = expectedRows(files).filter((row) => row[1].startsWith(siren));
      expect(sorted(await servedCsv(`?siren=${siren}`))).toEqual(sorted(expected));
    }
    const antibes2015 = expectedRows(['official-examples/scdl-subventions-2.1.1-exemple_valide.csv']).filter((row) => row[2].startsWith('2015'));
    expect(antibes2015.length).toBeGreaterThan(0);
    expect(sorted(await servedCsv('?siren=210600045&year=2015'))).toEqual(sorted(antibes2015));

    // The versioned dataset of the collectivity gets a version with the same rows.
    const id = 'subventions-210600045';
    const dataset = await eventually(
      async () => (await (await fetch(`${gateway.baseUrl}/api/v1/datasets/${id}`)).json()) as { latestVersion: { rowCount: number; number: number } | null },
      (d) => d.latestVersion?.rowCount === 29,
      30_000,
    );
    const versionCsv = await (await fetch(`${gateway.baseUrl}/api/v1/datasets/${id}/versions/${dataset.latestVersion!.number}.csv`)).text();
    const [header, ...rows] = parseCsv(versionCsv);
    expect(header).toEqual(HEADER);
    expect(sorted(rows)).toEqual(sorted(expectedRows(['official-examples/scdl-subventions-2.1.1-exemple_valide.csv'])));
  });

  it('refuses a file that is not a CSV (400 INVALID_CSV, payload kept with its reason) and a body that is not text/csv (415)', async () => {
    const binary = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]);
    const res = await postCsv(binary);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('INVALID_CSV');
    expect(await stores.payloads.find(sha256(binary))).toMatchObject({ kind: 'subventions', outcome: 'rejected', rejectionCode: 'INVALID_CSV' });
    const wrongType = await postCsv(sample('official-examples/scdl-subventions-2.1.1-exemple_valide.csv'), { contentType: 'application/octet-stream' });
    expect(wrongType.status).toBe(415);
    expect(((await wrongType.json()) as { code: string }).code).toBe('UNSUPPORTED_CONTENT_TYPE');
  });

  it('refuses a token that does not cover every idAttribuant SIREN (403 FORBIDDEN_SIREN), and lets one that does read the file', async () => {
    const tenants = new TenantStore(stores.dataSource, stores.audit);
    const { token } = await tenants.createToken({ platform: 'test-subventions-lot', sirens: ['224600015'] }, 'test');
    const foreign = Buffer.from(sample('official-examples/scdl-subventions-2.1.1-exemple_valide.csv').toString('utf8').replace(/\r?\n$/, '') + '\n');
    const refused = await postCsv(foreign, { token });
    expect(refused.status).toBe(403);
    expect((await refused.json()) as { code: string; details: { siren: string } }).toMatchObject({ code: 'FORBIDDEN_SIREN', details: { siren: '210600045' } });
    const lot = published.get('real-2018-messy/lot-2017-subventions-cp1252.csv')!;
    expect((await getFile(lot.id, token)).status).toBe('published');
    const poitiers = published.get('real-2018-messy/poitiers-2017-subventions-scdl-v1.csv')!;
    expect(poitiers.attribuantSirens).toEqual(['218601946']);
    const otherRes = await fetch(`${gateway.baseUrl}/api/v1/subventions/${poitiers.id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(otherRes.status).toBe(403);
  });

  it('retries only failed files: 409 for a published one; a failed one runs again, an unreadable one fails with INVALID_CSV', async () => {
    const conflict = await retry(published.get('real-2018-messy/lot-2017-subventions-cp1252.csv')!.id);
    expect(conflict.status).toBe(409);
    expect(((await conflict.json()) as { code: string }).code).toBe('CONFLICT');

    // Files registered outside the door, then failed as if their workflow could not start.
    const subventions = new SubventionStore(stores.dataSource, stores.audit);
    const register = async (body: Buffer, fileName: string) => {
      const stored = await stores.payloads.store({ kind: 'subventions', contentType: 'text/csv', content: body, submitter: 'test' });
      const { id } = await subventions.register({ payloadSha256: stored.sha256, workflowId: subventionFileWorkflowId(stored.sha256), fileName, attribuantSirens: [] }, 'test');
      await subventions.transition(id, 'failed', 'subventions.failed', 'test', { failure: { code: 'SERVICE_UNAVAILABLE', message: 'The workflow could not be started' } });
      return id;
    };
    const unreadable = await register(Buffer.from('no separator in this header\n'), 'unreadable.csv');
    expect((await retry(unreadable)).status).toBe(202);
    const failed = await eventually(() => getFile(unreadable), (f) => f.status === 'failed' && f.failure?.code === 'INVALID_CSV', 60_000);
    expect(failed.report).toBeNull();
    expect(failed.steps.map((s) => `${s.action} ${s.outcome}`)).toEqual([
      'subventions.received ok',
      'subventions.failed failed',
      'subventions.retry_requested ok',
      'subventions.processing_started ok',
      'subventions.normalised failed',
      'subventions.failed failed',
    ]);

    const lotAgain = Buffer.concat([sample('real-2018-messy/lot-2017-subventions-cp1252.csv'), Buffer.from('\r\n')]);
    const recovering = await register(lotAgain, 'lot-again.csv');
    expect((await retry(recovering)).status).toBe(202);
    const recovered = await eventually(() => getFile(recovering), (f) => f.status === 'published', 60_000);
    expect(recovered).toMatchObject({ status: 'published', failure: null, report: { read: 13, published: 13, quarantined: 0 } });
  });
});
