import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { isCodedError, type CodedError } from '@openactes/domain';
import { FakeUdata } from '../support/fake-udata';
import { UdataPublisher, type PortalDatasetPublication, type PortalResource } from '@openactes/publishers';

function file(key: string, content: Buffer, remoteResourceId: string | null = null): PortalResource {
  return {
    key, remoteResourceId, title: `Délibérations (${key})`, format: key, mediaType: key === 'csv' ? 'text/csv' : 'application/json',
    fileName: `deliberations.${key}`, byteSize: content.length, sha256: createHash('sha256').update(content).digest('hex'),
    open: () => Readable.from([content.subarray(0, 7), content.subarray(7)]),
  };
}

function publication(overrides: Partial<PortalDatasetPublication> = {}): PortalDatasetPublication {
  return {
    remoteDatasetId: null, title: 'Délibérations de Brest', description: 'Les délibérations, version 1', tags: ['deliberations', 'scdl'],
    licence: 'lov2', schema: 'scdl/deliberations', temporal: { start: '2025-01-01', end: '2025-12-31' }, frequency: 'irregular', private: false,
    resources: [file('csv', Buffer.from('id;objet\n1;Budget\n')), file('json', Buffer.from('[{"id":1}]'))],
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<CodedError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  if (!isCodedError(err)) throw new Error(`expected a CodedError, got ${String(err)}`);
  return err;
}

describe(UdataPublisher.name, () => {
  let udata: FakeUdata;
  const sut = (options: ConstructorParameters<typeof UdataPublisher>[1] = {}) =>
    new UdataPublisher({ name: 'data.gouv.fr (test)', baseUrl: udata.apiUrl, apiKey: udata.apiKey, organization: 'org-brest' }, options);

  beforeEach(async () => {
    udata = await new FakeUdata().start();
    udata.organizations.add('org-brest');
  });
  afterEach(() => udata.stop());

  it('creates the dataset in the organization, then updates only the fields we own and replaces resources by id', async () => {
    const first = await sut().publish(publication());
    const created = udata.datasets.get(first.remoteDatasetId)!;
    expect(created).toMatchObject({ title: 'Délibérations de Brest', organization: 'org-brest', private: false });
    expect(created.fields).toMatchObject({ license: 'lov2', frequency: 'irregular', tags: ['deliberations', 'scdl'], temporal_coverage: { start: '2025-01-01', end: '2025-12-31' } });
    expect(created.resources.map((r) => [r.title, r.schema, r.mime])).toEqual([
      ['Délibérations (csv)', { name: 'scdl/deliberations' }, 'text/csv'],
      ['Délibérations (json)', { name: 'scdl/deliberations' }, 'application/json'],
    ]);
    expect(first.remoteUrl).toBe(created.page);
    const [csv, json] = first.resources;
    expect(udata.content(csv!.remoteResourceId)?.toString()).toBe('id;objet\n1;Budget\n');
    expect(csv!.url).toBe(`${udata.apiUrl}/datasets/r/${csv!.remoteResourceId}`);

    // A human adds fields we do not own and renames our CSV resource on the portal.
    udata.editByHand(first.remoteDatasetId, { fields: { acronym: 'DELIB', extras: { 'custom:note': 'kept' } }, resourceTitles: { [csv!.remoteResourceId]: 'Renamed by a human' } });
    udata.requests.length = 0;
    const v2 = Buffer.from('id;objet\n1;Budget\n2;Voirie\n');
    const second = await sut().publish(
      publication({
        remoteDatasetId: first.remoteDatasetId, description: 'Les délibérations, version 2',
        resources: [file('csv', v2, csv!.remoteResourceId), file('json', Buffer.from('[{"id":1},{"id":2}]'), json!.remoteResourceId)],
      }),
    );

    expect(second.remoteDatasetId).toBe(first.remoteDatasetId);
    expect(second.resources.map((r) => r.remoteResourceId)).toEqual([csv!.remoteResourceId, json!.remoteResourceId]);
    const updated = udata.datasets.get(first.remoteDatasetId)!;
    expect(updated.resources).toHaveLength(2);
    expect(updated.fields).toMatchObject({ acronym: 'DELIB', extras: { 'custom:note': 'kept' } });
    expect(updated.description).toBe('Les délibérations, version 2');
    expect(updated.resources[0]!.title).toBe('Délibérations (csv)');
    expect(udata.content(csv!.remoteResourceId)).toEqual(v2);

    const datasetWrites = udata.requests.filter((r) => r.method === 'PUT' && r.path === `/api/1/datasets/${first.remoteDatasetId}/`);
    expect(datasetWrites).toHaveLength(1);
    expect(datasetWrites[0]!.json).toMatchObject({ private: false });
    expect(Object.keys(datasetWrites[0]!.json as object).sort()).toEqual(['description', 'frequency', 'license', 'private', 'tags', 'temporal_coverage', 'title']);
    expect(udata.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([
      `/api/1/datasets/${first.remoteDatasetId}/resources/${csv!.remoteResourceId}/upload/`,
      `/api/1/datasets/${first.remoteDatasetId}/resources/${json!.remoteResourceId}/upload/`,
    ]);
  });

  it('reports each id as soon as the portal gives it, so a retry after a later failure never duplicates', async () => {
    const seen: string[] = [];
    const publisher = sut();
    const promise = publisher.publish(publication(), {
      datasetCreated: (id) => Promise.resolve(void seen.push(`dataset:${id}`)),
      resourceCreated: (key, id) => {
        seen.push(`${key}:${id}`);
        if (key === 'csv') udata.faults.failNext(1, 503); // the metadata update of the CSV fails
        return Promise.resolve();
      },
    });
    expect((await failure(promise)).code).toBe('PORTAL_UNAVAILABLE');
    const [dataset] = [...udata.datasets.values()];
    expect(seen).toEqual([`dataset:${dataset!.id}`, `csv:${dataset!.resources[0]!.id}`]);
  });

  it('uploads a new resource when the stored one was deleted on the portal', async () => {
    const first = await sut().publish(publication({ resources: [file('csv', Buffer.from('a;b\n'))] }));
    const again = await sut().publish(publication({ remoteDatasetId: first.remoteDatasetId, resources: [file('csv', Buffer.from('a;b\n1;2\n'), 'gone-by-hand')] }));
    expect(again.resources[0]!.remoteResourceId).not.toBe('gone-by-hand');
    expect(udata.datasets.get(first.remoteDatasetId)!.resources).toHaveLength(2);
  });

  it('sends a file above the threshold through the chunked upload protocol, new and replaced', async () => {
    const big = Buffer.alloc(1500, 'x');
    const options = { chunkThresholdBytes: 1000, chunkSizeBytes: 400 };
    const first = await sut(options).publish(publication({ resources: [file('csv', big)] }));
    const rid = first.resources[0]!.remoteResourceId;
    expect(udata.content(rid)).toEqual(big);
    const chunkCalls = udata.requests.filter((r) => r.fields?.uuid);
    expect(chunkCalls.map((r) => [r.fields!.partindex, r.fields!.chunksize, r.file?.size])).toEqual([
      ['0', '400', 400], ['1', '400', 400], ['2', '400', 400], ['3', '300', 300], [undefined, undefined, undefined],
    ]);
    expect(chunkCalls[4]!.fields).toMatchObject({ totalparts: '4', filename: 'deliberations.csv' });

    const bigger = Buffer.alloc(2100, 'y');
    const second = await sut(options).publish(publication({ remoteDatasetId: first.remoteDatasetId, resources: [file('csv', bigger, rid)] }));
    expect(second.resources[0]!.remoteResourceId).toBe(rid);
    expect(udata.content(rid)).toEqual(bigger);
    expect(udata.datasets.get(first.remoteDatasetId)!.resources).toHaveLength(1);
  });

  it.each([
    [400, 'PORTAL_REJECTED'], [401, 'PORTAL_AUTH_FAILED'], [403, 'PORTAL_AUTH_FAILED'], [404, 'PORTAL_NOT_FOUND'], [410, 'PORTAL_NOT_FOUND'],
    [423, 'PORTAL_LOCKED'], [429, 'PORTAL_UNAVAILABLE'], [500, 'PORTAL_UNAVAILABLE'], [502, 'PORTAL_UNAVAILABLE'], [503, 'PORTAL_UNAVAILABLE'],
  ])('maps HTTP %i to %s, with the portal message and without the key', async (status, code) => {
    udata.faults.failNext(1, status, { retryAfter: '120' });
    const err = await failure(sut().publish(publication()));
    expect(err.code).toBe(code);
    expect(err.retryable).toBe(code === 'PORTAL_UNAVAILABLE');
    expect(err.details).toMatchObject({ portal: 'data.gouv.fr (test)', method: 'POST', path: '/datasets/', status, retryAfter: '120' });
    expect(typeof err.details?.portalMessage === 'string' && err.details.portalMessage.length > 0).toBe(true);
    expect(`${err.message} ${JSON.stringify(err.details)}`).not.toContain(udata.apiKey);
  });

  it('refuses a wrong key as PORTAL_AUTH_FAILED, and never repeats the key even when the portal echoes it', async () => {
    const wrong = new UdataPublisher({ name: 'udata', baseUrl: udata.apiUrl, apiKey: 'not-the-key-123', organization: null });
    const err = await failure(wrong.publish(publication()));
    expect(err.code).toBe('PORTAL_AUTH_FAILED');
    expect(err.details).toMatchObject({ status: 401, portalMessage: 'Invalid API token' });

    const echoing = new UdataPublisher(
      { name: 'udata', baseUrl: udata.apiUrl, apiKey: udata.apiKey, organization: null },
      { fetch: () => Promise.resolve(new Response(JSON.stringify({ message: `bad key ${udata.apiKey}` }), { status: 400 })) },
    );
    const echoed = await failure(echoing.publish(publication()));
    expect(echoed.code).toBe('PORTAL_REJECTED');
    expect(`${echoed.message} ${JSON.stringify(echoed.details)}`).not.toContain(udata.apiKey);
    expect(echoed.details?.portalMessage).toBe('bad key ***');
  });

  it('turns a portal that does not answer in time, or cannot be reached, into PORTAL_UNAVAILABLE', async () => {
    udata.faults.hangNext(1);
    const slow = await failure(sut({ timeoutMs: 300 }).publish(publication()));
    expect(slow.code).toBe('PORTAL_UNAVAILABLE');
    expect(slow.message).toContain('300 ms');

    const url = udata.apiUrl;
    await udata.stop();
    const down = await failure(new UdataPublisher({ name: 'udata', baseUrl: url, apiKey: 'k', organization: null }).publish(publication()));
    expect(down.code).toBe('PORTAL_UNAVAILABLE');
    expect(down.details).toMatchObject({ status: null, method: 'POST' });
  });

  it('keeps a foreign rejection visible: a schema the portal does not know', async () => {
    const err = await failure(sut().publish(publication({ schema: 'scdl/unknown' })));
    expect(err.code).toBe('PORTAL_REJECTED');
    expect(err.details?.portalMessage).toContain('scdl/unknown');
  });

  it('unpublishes by making the dataset private, keeping its ids', async () => {
    const first = await sut().publish(publication());
    await sut().unpublishDataset(first.remoteDatasetId);
    expect(udata.datasets.get(first.remoteDatasetId)).toMatchObject({ private: true, deleted: false });
    await sut().publish(publication({ remoteDatasetId: first.remoteDatasetId, resources: [] }));
    expect(udata.datasets.get(first.remoteDatasetId)!.private).toBe(false);
  });
});
