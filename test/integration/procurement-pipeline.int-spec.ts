import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { DECP_CSV_SCHEMA, DECP_SCHEMA, fieldNames, parseCsv, validateTable } from '@openactes/formats';
import { procurementWorkflowId } from '@openactes/contracts';
import { ProcurementStore, TenantStore, type ProcurementReport } from '@openactes/persistence';
import { eventually, openStores, startGateway, startWorker, testConfig, TEST_PLATFORM_TOKEN, type RunningGateway, type RunningWorker } from '../support/harness';

const SHARED = process.env.SHARED_DIR ?? path.resolve(__dirname, '../../../shared');
const SAMPLES = path.join(SHARED, 'samples/decp');
const sample = (file: string) => fs.readFileSync(path.join(SAMPLES, file));
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * The official examples' identifiers that are not SIRETs, each replaced by a
 * real, valid one: the same substitution as the library's tests
 * (`libs/formats/src/decp/decp-samples.testing.ts`).
 */
const PLACEHOLDER_SIRETS: Readonly<Record<string, string>> = {
  '21750001630066': '21690123100011',
  '214356': '35294162900029',
  '868768687576575': '43486131600017',
  '12345678901234': '21500222100012',
  '12345678901250': '22130001500247',
};
function withRealSirets(file: string): Buffer {
  let text = sample(file).toString('utf8');
  for (const [placeholder, siret] of Object.entries(PLACEHOLDER_SIRETS)) {
    text = text.replaceAll(`"${placeholder}"`, `"${siret}"`).replaceAll(`>${placeholder}<`, `>${siret}<`);
  }
  return Buffer.from(text);
}

interface ProcurementView {
  id: string;
  fileName: string;
  version: string;
  buyerSirens: string[];
  status: string;
  failure: { code: string; message: string } | null;
  report: ProcurementReport | null;
  workflowId: string;
  steps: { action: string; outcome: string; details: Record<string, unknown> }[];
}

interface DecpJson {
  marches: { marche?: Record<string, unknown>[]; 'contrat-concession'?: Record<string, unknown>[] };
}

const none = {};
const PUBLISHED_STEPS = ['procurement.received', 'procurement.processing_started', 'procurement.normalised', 'procurement.published'];

/**
 * DECP files through the real path: gateway → Temporal → worker → PostgreSQL
 * → datasets, on every shared DECP sample read in place. Expected counts are
 * the library's (`decp-report.spec.ts`); dates are judged against the day the
 * file is received.
 */
describe('procurement pipeline (gateway + Temporal + worker + PostgreSQL)', () => {
  const config = testConfig();
  let stores: Awaited<ReturnType<typeof openStores>>;
  let gateway: RunningGateway;
  let worker: RunningWorker;

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

  const contentTypeOf = (file: string) => (file.endsWith('.xml') ? 'application/xml' : 'application/json');
  const postDecp = (body: Buffer, { fileName, token = TEST_PLATFORM_TOKEN, contentType = 'application/json' }: { fileName?: string; token?: string; contentType?: string } = {}) =>
    fetch(`${gateway.baseUrl}/api/v1/procurement`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        authorization: `Bearer ${token}`,
        ...(fileName ? { 'content-disposition': `attachment; filename="${fileName}"` } : {}),
      },
      body,
    });
  const getProcurement = async (id: string, token?: string) =>
    (await (await fetch(`${gateway.baseUrl}/api/v1/procurement/${id}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })).json()) as ProcurementView;
  const settled = (id: string) => eventually(() => getProcurement(id), (p) => p.status === 'published' || p.status === 'failed', 60_000);
  const retry = (id: string, token = TEST_PLATFORM_TOKEN) =>
    fetch(`${gateway.baseUrl}/api/v1/procurement/${id}/retry`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });

  /** Posts a file, waits for its workflow, checks the common outcome, and prints its numbers. */
  async function publish(body: Buffer, fileName: string): Promise<ProcurementView> {
    const res = await postDecp(body, { fileName, contentType: contentTypeOf(fileName) });
    expect(res.status).toBe(202);
    const { procurementId, status } = (await res.json()) as { procurementId: string; status: string };
    expect(status).toBe('received');
    const file = await settled(procurementId);
    expect(file).toMatchObject({ status: 'published', failure: null, fileName, workflowId: procurementWorkflowId(sha256(body)) });
    expect(file.steps.map((s) => s.action)).toEqual(PUBLISHED_STEPS);
    const r = file.report!;
    console.log(
      `${fileName}: read ${r.read}, published ${r.accepted} (valid ${r.valid}, repaired ${r.repaired}), rejected ${r.rejected}` +
        ` ${JSON.stringify(r.rejectionsByRule)}, repairs ${JSON.stringify(r.repairsByRule)},` +
        ` duplicates merged ${r.duplicatesMerged} in the file, ${r.mergedWithPublished} with published files`,
    );
    return file;
  }

  /** Report counts as the library's report spec states them (rejected = rejected records). */
  const reportOf = (read: number, valid: number, accepted: number, repairsByRule: object, rejectionsByRule: object, rejected: number, duplicatesMerged: number) => ({
    read,
    valid,
    repaired: accepted - valid,
    accepted,
    rejected,
    repairsByRule,
    rejectionsByRule,
    duplicatesMerged,
  });

  const servedJson = async (query: string): Promise<DecpJson> => {
    const res = await fetch(`${gateway.baseUrl}/api/v1/datasets/procurement.json${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const document = (await res.json()) as DecpJson;
    const ajv = new Ajv({ allErrors: true, strictTypes: false });
    addFormats(ajv, ['date']);
    const validate = ajv.compile(DECP_SCHEMA);
    expect(validate(document) ? [] : validate.errors).toEqual([]);
    return document;
  };
  const servedCsv = async (query: string): Promise<Record<string, string>[]> => {
    const res = await fetch(`${gateway.baseUrl}/api/v1/datasets/procurement.csv${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = parseCsv(await res.text());
    expect(header).toEqual(fieldNames(DECP_CSV_SCHEMA));
    expect(validateTable(DECP_CSV_SCHEMA, header, rows)).toEqual({ valid: true, errors: [], warnings: [] });
    return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
  };
  const contracts = (doc: DecpJson) => [...(doc.marches.marche ?? []), ...(doc.marches['contrat-concession'] ?? [])];
  const buyerOf = (c: Record<string, unknown>) => ((c.acheteur ?? c.autoriteConcedante) as { id: string }).id;

  describe('every shared sample as it is', () => {
    it.each([
      // file, read, valid as is, kept, repairs by rule, problems by rule, rejected records, duplicates merged (decp-report.spec.ts)
      ['official-examples/Marche.xml', 2, 0, 0, none, { 'invalid-siret': 2 }, 2, 0],
      ['official-examples/Contrat-concession.xml', 2, 0, 0, none, { 'invalid-siret': 2 }, 2, 0],
      ['official-examples/Contrat-concession-modification.xml', 2, 0, 0, none, { 'invalid-siret': 2 }, 2, 0],
      ['official-examples/concessions.json', 2, 0, 0, none, { 'invalid-siret': 2 }, 2, 0],
      ['official-examples/concessions_avec_modifications.json', 2, 0, 0, none, { 'invalid-siret': 2 }, 2, 0],
      ['official-examples/marches_avec_modifications.json', 2, 0, 0, none, { 'invalid-siret': 5 }, 2, 0],
      ['official-examples/marches_concessions.json', 4, 0, 0, none, { 'invalid-siret': 7 }, 4, 0],
      ['real/decp-59920013600241-2024-07-09-01.json', 5, 0, 0, { 'type-marker-dropped': 5, 'text-whitespace': 5, 'empty-list-dropped': 10 }, { required: 25 }, 5, 0],
      [
        'messy/decp-processing-test-fixture-2022-format.json',
        5,
        0,
        1,
        {
          'bare-nan': 1,
          'type-marker-dropped': 5,
          'foreign-empty-key-dropped': 21,
          'empty-item-dropped': 4,
          'empty-list-dropped': 2,
          'empty-optional-dropped': 3,
          'list-item-wrapped': 1,
          'boolean-format': 1,
          'enum-spelling': 1,
        },
        {
          'invalid-siret': 5,
          minimum: 2,
          required: 3,
          'date-in-future': 2,
          'missing-value': 1,
          'origine-france-above-ue': 1,
          'amount-implausible': 1,
          'published-before-event': 1,
        },
        4,
        0,
      ],
      [
        'messy/decp-processing-test-fixture-2019-format.json',
        2,
        0,
        0,
        {
          'legacy-key-dropped': 5,
          'legacy-price-form': 1,
          'legacy-modification-numbered': 1,
          'dotted-key': 1,
          'nested-list-flattened': 2,
          'list-item-wrapped': 7,
          'unknown-key-dropped': 8,
        },
        { 'no-legacy-source': 21, 'invalid-siret': 3, 'missing-value': 1, 'origine-france-above-ue': 1 },
        2,
        0,
      ],
    ])('%s: %i read, %i valid as is, %i published', async (file, read, valid, accepted, repairs, problems, rejected, duplicatesMerged) => {
      const published = await publish(sample(file), path.basename(file));
      expect(published.report).toEqual({
        source: path.basename(file),
        version: file.includes('2019-format') ? '1.5' : '2.0',
        ...reportOf(read, valid, accepted, repairs, problems, rejected, duplicatesMerged),
        rejections: expect.any(Array),
        mergedWithPublished: 0,
      });
      // Every problem names its record, rule, place and value.
      expect(published.report!.rejections).toHaveLength(Object.values(problems).reduce((a, b) => a + b, 0));
      for (const problem of published.report!.rejections) {
        expect(problem).toEqual({ recordId: expect.stringMatching(new RegExp(`^${path.basename(file).replace(/\./g, '\\.')}#/`)), rule: expect.any(String), path: expect.any(String), value: problem.value });
      }
    });

    it('names the reasons of the official examples: their placeholder SIRETs fail the checksum', async () => {
      const [{ id }] = (await stores.dataSource.query(`SELECT id FROM procurement_file WHERE file_name = 'Contrat-concession.xml' AND payload_sha256 = $1`, [
        sha256(sample('official-examples/Contrat-concession.xml')),
      ])) as { id: string }[];
      const { report } = await getProcurement(id);
      expect(report!.rejections.map((r) => `${r.recordId} ${r.rule} ${r.path} ${String(r.value)}`)).toEqual(
        [0, 1].map((n) => `Contrat-concession.xml#/marches/contrat-concession/${n} invalid-siret /autoriteConcedante/id 12345678901234`),
      );
    });
  });

  describe('the official examples with real SIRETs, one after the other', () => {
    it.each([
      // file, records, duplicates merged in the file (decp-report.spec.ts), contracts already published by the files before
      ['Marche.xml', 2, 1, 0],
      ['Contrat-concession.xml', 2, 1, 0],
      ['Contrat-concession-modification.xml', 2, 1, 1],
      ['concessions.json', 2, 0, 1],
      ['concessions_avec_modifications.json', 2, 0, 2],
      ['marches_avec_modifications.json', 2, 0, 0],
      ['marches_concessions.json', 4, 0, 2],
    ])('%s: all %i records published, %i merged in the file, %i with published files', async (file, read, duplicatesMerged, mergedWithPublished) => {
      const published = await publish(withRealSirets(`official-examples/${file}`), file);
      expect(published.report).toMatchObject({ ...reportOf(read, read, read, none, none, 0, duplicatesMerged), rejections: [], mergedWithPublished });
    });

    it('serves each contract once, every version merged and its modifications applied in order', async () => {
      const perSiren = { '217500016': 2, '215002221': 2, '221300015': 2, '216901231': 2 };
      for (const [siren, count] of Object.entries(perSiren)) {
        const doc = await servedJson(`?siren=${siren}`);
        expect(contracts(doc)).toHaveLength(count);
        expect(contracts(doc).every((c) => buyerOf(c).startsWith(siren))).toBe(true);
      }
      // The concession of 21500222100012 came in six records of five files, the later ones with its modification.
      const [concession] = (await servedJson('?siren=215002221')).marches['contrat-concession']!.filter((c) => c.id === '0612202306122023');
      const modifications = concession.modifications as { modification: { id: number; dureeMois?: number; valeurGlobale?: number } }[];
      expect(modifications.map((m) => m.modification.id)).toEqual([1]);
      const rows = (await servedCsv('?siren=215002221')).filter((r) => r.uid === '215002221000120612202306122023');
      const holders = (concession.concessionnaires as unknown[]).length;
      expect(rows).toHaveLength(2 * holders);
      const initial = rows.filter((r) => r.modification_id === '0');
      const current = rows.filter((r) => r.modification_id === '1');
      expect(initial.map((r) => [r.dureeMois, r.valeurGlobale, r.donneesActuelles])).toEqual(
        Array(holders).fill([String(concession.dureeMois), String(concession.valeurGlobale), 'false']),
      );
      const { modification } = modifications[0];
      expect(current.map((r) => [r.dureeMois, r.valeurGlobale, r.donneesActuelles])).toEqual(
        Array(holders).fill([String(modification.dureeMois ?? concession.dureeMois), String(modification.valeurGlobale ?? concession.valeurGlobale), 'true']),
      );
    });

    it('filters both datasets by buyer SIREN and by year of notification', async () => {
      // Lyon (216901231): TEST2022 from the official examples (2024), 2019K1209 kept from the messy 2022-format fixture.
      expect(contracts(await servedJson('?siren=216901231')).map((c) => c.id).sort()).toEqual(['2019K1209', 'TEST2022']);
      expect(contracts(await servedJson('?siren=216901231&year=2019')).map((c) => c.id)).toEqual(['2019K1209']);
      expect(contracts(await servedJson('?siren=216901231&year=2024')).map((c) => c.id)).toEqual(['TEST2022']);
      expect(await servedJson('?siren=216901231&year=2001')).toEqual({ marches: { marche: [] } });
      const rows2019 = await servedCsv('?siren=216901231&year=2019');
      expect(rows2019.length).toBeGreaterThan(0);
      expect(rows2019.every((r) => r.id === '2019K1209' && r.dateNotification.startsWith('2019') && r.acheteur_id.startsWith('216901231'))).toBe(true);
      const all = await servedCsv('');
      expect(new Set(all.filter((r) => r.acheteur_id.startsWith('216901231')).map((r) => r.id))).toEqual(new Set(['2019K1209', 'TEST2022']));
      // Only records that passed validation: nothing of the real buyer's rejected file.
      expect(all.some((r) => r.acheteur_id.startsWith('599200136'))).toBe(false);
      for (const query of ['?siren=21690123', '?siren=abcdefghi', '?year=24', '?year=2024x']) {
        for (const dataset of ['procurement.json', 'procurement.csv']) {
          const res = await fetch(`${gateway.baseUrl}/api/v1/datasets/${dataset}${query}`);
          expect(res.status).toBe(400);
          expect(((await res.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
        }
      }
    });
  });

  it('answers the same file sent again with 200 and the same procurement', async () => {
    const body = sample('real/decp-59920013600241-2024-07-09-01.json');
    const again = await postDecp(body, { fileName: 'renamed.json' });
    expect(again.status).toBe(200);
    const { procurementId, status } = (await again.json()) as { procurementId: string; status: string };
    expect(status).toBe('published');
    expect((await getProcurement(procurementId)).fileName).toBe('decp-59920013600241-2024-07-09-01.json');
    const [{ count }] = (await stores.dataSource.query('SELECT count(*)::int AS count FROM procurement_file WHERE payload_sha256 = $1', [sha256(body)])) as { count: number }[];
    expect(count).toBe(1);
  });

  it.each([
    ['neither JSON nor XML', Buffer.from('marche;acheteur\n1;21690123100011\n'), 'application/json', 'INVALID_DECP'],
    ['JSON of no DECP version', Buffer.from('{"contracts": []}'), 'application/json', 'INVALID_DECP'],
    ['malformed JSON', Buffer.from('{"marches": {"marche": [}'), 'application/json', 'INVALID_DECP'],
    ['XML whose root is not <marches>', Buffer.from('<?xml version="1.0"?><contrats/>'), 'application/xml', 'INVALID_DECP'],
    ['malformed XML', Buffer.from('<?xml version="1.0"?><marches><marche>'), 'text/xml', 'INVALID_XML'],
  ])('answers %s with a coded 400 and keeps the payload with its reason', async (_name, body, contentType, code) => {
    const res = await postDecp(body, { contentType });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe(code);
    expect(await stores.payloads.find(sha256(body))).toMatchObject({ kind: 'decp', outcome: 'rejected', rejectionCode: code, sizeBytes: body.length });
    const [event] = await stores.audit.forSubject('payload', sha256(body));
    expect(event).toMatchObject({ action: 'payload.rejected', outcome: 'rejected', details: expect.objectContaining({ code }) });
  });

  it('refuses a body declared neither JSON nor XML with 415', async () => {
    const res = await postDecp(sample('official-examples/concessions.json'), { contentType: 'text/plain' });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { code: string }).code).toBe('UNSUPPORTED_CONTENT_TYPE');
  });

  it('refuses a file over MAX_ARCHIVE_BYTES with 413', async () => {
    const small = await startGateway(testConfig({ MAX_ARCHIVE_BYTES: '2048' }));
    try {
      const body = sample('real/decp-59920013600241-2024-07-09-01.json');
      expect(body.length).toBeGreaterThan(2048);
      const res = await fetch(`${small.baseUrl}/api/v1/procurement`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_PLATFORM_TOKEN}` },
        body,
      });
      expect(res.status).toBe(413);
      expect(((await res.json()) as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');
    } finally {
      await small.stop();
    }
  });

  it('isolates SIRENs: a token neither submits, reads nor retries for another buyer', async () => {
    const tenants = new TenantStore(stores.dataSource, stores.audit);
    const { token } = await tenants.createToken({ platform: 'test-procurement-lyon', sirens: ['216901231'] }, 'test');
    const foreign = Buffer.concat([sample('real/decp-59920013600241-2024-07-09-01.json'), Buffer.from('\n')]);
    const refused = await postDecp(foreign, { token });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string; details: { siren: string } })).toMatchObject({ code: 'FORBIDDEN_SIREN', details: { siren: '599200136' } });
    expect(await stores.payloads.find(sha256(foreign))).toMatchObject({ kind: 'decp', outcome: 'rejected', rejectionCode: 'FORBIDDEN_SIREN' });

    // A file naming Lyon and another buyer is refused too: every buyer must be covered.
    const mixed = withRealSirets('official-examples/marches_avec_modifications.json');
    expect(((await (await postDecp(mixed, { token })).json()) as { code: string }).code).toBe('FORBIDDEN_SIREN');
    // That file was sent before with an all-covering token: it stays accepted, the refusal is traced.
    expect(await stores.payloads.find(sha256(mixed))).toMatchObject({ outcome: 'accepted', rejectionCode: null });
    expect((await stores.audit.forSubject('payload', sha256(mixed))).map((e) => `${e.action} ${String(e.details.code)}`)).toEqual(['payload.refused FORBIDDEN_SIREN']);

    const [{ id }] = (await stores.dataSource.query('SELECT id FROM procurement_file WHERE payload_sha256 = $1', [
      sha256(sample('real/decp-59920013600241-2024-07-09-01.json')),
    ])) as { id: string }[];
    const read = (t: string) => fetch(`${gateway.baseUrl}/api/v1/procurement/${id}`, { headers: { authorization: `Bearer ${t}` } });
    expect((await read(token)).status).toBe(403);
    expect((await read(TEST_PLATFORM_TOKEN)).status).toBe(200);
    expect((await retry(id, token)).status).toBe(403);
  });

  it('retries only failed files: 409 for a published one; a failed one runs again and its failure stays visible', async () => {
    const [{ id: publishedId }] = (await stores.dataSource.query('SELECT id FROM procurement_file WHERE file_name = $1 AND status = $2 LIMIT 1', [
      'marches_concessions.json',
      'published',
    ])) as { id: string }[];
    const conflict = await retry(publishedId);
    expect(conflict.status).toBe(409);
    expect(((await conflict.json()) as { code: string }).code).toBe('CONFLICT');

    // A stored file whose bytes turn out unreadable when processed (registered outside the door, which would refuse it).
    const procurements = new ProcurementStore(stores.dataSource, stores.audit);
    const body = Buffer.from('{"marches": 42}');
    const stored = await stores.payloads.store({ kind: 'decp', contentType: 'application/json', content: body, submitter: 'test' });
    const registered = await procurements.register(
      { payloadSha256: stored.sha256, workflowId: procurementWorkflowId(stored.sha256), fileName: 'unreadable.json', format: 'json', version: '2.0', buyerSirens: [] },
      'test',
    );
    await procurements.transition(registered.id, 'failed', 'procurement.failed', 'test', { failure: { code: 'SERVICE_UNAVAILABLE', message: 'The workflow could not be started' } });

    const accepted = await retry(registered.id);
    expect(accepted.status).toBe(202);
    const failed = await eventually(
      () => getProcurement(registered.id),
      (p) => p.status === 'failed' && p.failure?.code === 'INVALID_DECP',
      60_000,
    );
    expect(failed.report).toBeNull();
    expect(failed.steps.map((s) => `${s.action} ${s.outcome}`)).toEqual([
      'procurement.received ok',
      'procurement.failed failed',
      'procurement.retry_requested ok',
      'procurement.processing_started ok',
      'procurement.normalised failed',
      'procurement.failed failed',
    ]);
  });
});
