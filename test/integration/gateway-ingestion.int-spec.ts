import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { buildDemoArchives } from '@openactes/demo-data';
import { buildActeArchiveFiles, writeArchive, writeTar } from '@openactes/formats';
import { openStores, postArchive, startGateway, testConfig, TEST_PLATFORM_TOKEN, type RunningGateway } from '../support/harness';

/** Bad input never crashes anything: a coded 4xx, and the payload kept with its reason. */
describe('gateway ingestion (real PostgreSQL and Temporal)', () => {
  const config = testConfig({ MAX_ARCHIVE_BYTES: '65536' });
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

  const [sample] = buildDemoArchives({ seed: 303, count: 1 });
  const spec = {
    siren: sample.deliberation.collectivity.siren,
    departement: sample.deliberation.collectivity.departement,
    date: '2026-04-01',
    numeroInterne: 'BAD_INPUT_1',
    nature: 'DE' as const,
    matieres: [5, 2],
    objet: 'Désignation des délégués',
    document: { data: Buffer.from('%PDF-1.4 placeholder') },
  };
  const { archiveName, files } = buildActeArchiveFiles(spec);
  const envelopeName = files.find((f) => f.name.startsWith('EACT--'))!.name;
  const acteName = files.find((f) => f.name.endsWith('_0.xml'))!.name;

  const cases: [string, Buffer, string][] = [
    ['a body that is not gzip', Buffer.from('this is plain text, not an archive'), 'INVALID_ARCHIVE'],
    ['gzip that is not a tar', gzipSync(Buffer.from('just some gzipped text')), 'INVALID_ARCHIVE'],
    ['an archive without envelope', writeArchive(files.filter((f) => f.name !== envelopeName), archiveName).data, 'MISSING_ENVELOPE'],
    ['an archive whose Acte XML is missing', writeArchive(files.filter((f) => f.name !== acteName), archiveName).data, 'MISSING_ACTE'],
    ['a tar member escaping the archive', gzipSync(writeTar([{ name: '../evil.xml', data: Buffer.from('<x/>') }])), 'INVALID_ARCHIVE'],
    [
      'an Acte XML with a DOCTYPE',
      writeArchive(
        files.map((f) => (f.name === acteName ? { ...f, data: Buffer.from(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>${f.data.toString('latin1').replace(/^<\?xml[^>]*\?>/, '')}`, 'latin1') } : f)),
        archiveName,
      ).data,
      'INVALID_XML',
    ],
  ];

  it.each(cases)('answers %s with a coded 400 and keeps the payload with its reason', async (_name, body, code) => {
    const res = await postArchive(gateway.baseUrl, body);
    expect(res.status).toBe(400);
    const error = (await res.json()) as { code: string; message: string };
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(0);

    const stored = await stores.payloads.find(createHash('sha256').update(body).digest('hex'));
    expect(stored).toMatchObject({ outcome: 'rejected', rejectionCode: code, sizeBytes: body.length });
  });

  it('accepts the archive as the "archive" field of a multipart upload, the same as a raw body', async () => {
    const [archive] = buildDemoArchives({ seed: 304, count: 1 });
    const form = new FormData();
    form.append('archive', new Blob([archive.data], { type: 'application/gzip' }), archive.archiveName);
    const res = await fetch(`${gateway.baseUrl}/api/v1/transmissions`, { method: 'POST', headers: { authorization: `Bearer ${TEST_PLATFORM_TOKEN}` }, body: form });
    expect(res.status).toBe(202);
    const first = (await res.json()) as { transmissionId: string };

    const again = await postArchive(gateway.baseUrl, archive.data);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { transmissionId: string }).transmissionId).toBe(first.transmissionId);

    const noField = new FormData();
    noField.append('file', new Blob([archive.data]), archive.archiveName);
    const missing = await fetch(`${gateway.baseUrl}/api/v1/transmissions`, { method: 'POST', headers: { authorization: `Bearer ${TEST_PLATFORM_TOKEN}` }, body: noField });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
  });

  it('never answers a mutated archive with a 5xx', async () => {
    const [archive] = buildDemoArchives({ seed: 305, count: 1 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat({ max: archive.data.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), async (changes) => {
        const body = Buffer.from(archive.data);
        for (const [at, value] of changes) body[at] = value;
        const res = await postArchive(gateway.baseUrl, body);
        expect(res.status).toBeLessThan(500);
        expect(((await res.json()) as { code?: string; transmissionId?: string }).code ?? 'accepted').toBeTruthy();
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 40) },
    );
  });

  it('refuses a missing or wrong token with 401 before reading the body', async () => {
    for (const token of [null, 'not-the-right-token-at-all']) {
      const res = await postArchive(gateway.baseUrl, sample.data, token);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { code: string }).code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a body over MAX_ARCHIVE_BYTES with 413', async () => {
    const res = await postArchive(gateway.baseUrl, Buffer.alloc(70_000, 1));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses the development token in production', async () => {
    const production = await startGateway({ ...config, nodeEnv: 'production' });
    try {
      const res = await postArchive(production.baseUrl, sample.data, TEST_PLATFORM_TOKEN);
      expect(res.status).toBe(401);
    } finally {
      await production.stop();
    }
  });

  it('reports health only when PostgreSQL and Temporal both answer', async () => {
    const ok = await fetch(`${gateway.baseUrl}/health`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok', checks: { database: 'ok', temporal: 'ok' } });

    const noTemporal = await startGateway({ ...config, temporal: { ...config.temporal, address: '127.0.0.1:1' } });
    try {
      const res = await fetch(`${noTemporal.baseUrl}/health`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'unavailable', checks: { database: 'ok', temporal: 'unavailable' } });
    } finally {
      await noTemporal.stop();
    }
  });

  it('serves the OpenAPI description', async () => {
    const res = await fetch(`${gateway.baseUrl}/api/docs/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/health', '/api/v1/transmissions', '/api/v1/acts/{id}', '/api/v1/datasets/deliberations.csv']),
    );
    expect((await fetch(`${gateway.baseUrl}/api/docs`)).status).toBe(200);
  });

  it('answers unknown acts and malformed ids with coded errors', async () => {
    const missing = await fetch(`${gateway.baseUrl}/api/v1/acts/00000000-0000-4000-8000-000000000000`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('NOT_FOUND');
    const malformed = await fetch(`${gateway.baseUrl}/api/v1/acts/not-a-uuid`);
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
    const badSiren = await fetch(`${gateway.baseUrl}/api/v1/datasets/deliberations.csv?siren=12`);
    expect(badSiren.status).toBe(400);
  });
});
