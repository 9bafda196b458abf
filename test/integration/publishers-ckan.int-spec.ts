import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { isCodedError, type CodedError } from '@openactes/domain';
import { FakeCkan } from '../support/fake-ckan';
import { CkanPublisher, machineName, type PortalDatasetPublication, type PortalResource } from '@openactes/publishers';

function file(key: string, content: Buffer, remoteResourceId: string | null = null): PortalResource {
  return {
    key, remoteResourceId, title: `Budget (${key})`, format: key.toUpperCase(), mediaType: key === 'csv' ? 'text/csv' : 'application/json',
    fileName: `budget.${key}`, byteSize: content.length, sha256: createHash('sha256').update(content).digest('hex'),
    open: () => Readable.from([content]),
  };
}

function publication(overrides: Partial<PortalDatasetPublication> = {}): PortalDatasetPublication {
  return {
    remoteDatasetId: null, name: 'budget-29019-2025', title: 'Budget primitif 2025 de Brest', description: 'Le budget voté', tags: ['budget'],
    licence: 'lov2', schema: 'scdl/budget', temporal: { start: '2025-01-01', end: '2025-12-31' }, private: false,
    resources: [file('csv', Buffer.from('compte;montant\n6411;100\n'))],
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<CodedError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  if (!isCodedError(err)) throw new Error(`expected a CodedError, got ${String(err)}`);
  return err;
}

describe(CkanPublisher.name, () => {
  let ckan: FakeCkan;
  const sut = (options: ConstructorParameters<typeof CkanPublisher>[1] = {}) =>
    new CkanPublisher({ name: 'ckan (test)', baseUrl: ckan.baseUrl, apiKey: ckan.apiToken, organization: 'brest-metropole' }, options);

  beforeEach(async () => {
    ckan = await new FakeCkan().start();
  });
  afterEach(() => ckan.stop());

  it('creates with package_create, then patches only our fields (never package_update) and patches resources by id', async () => {
    const first = await sut().publish(publication());
    const created = ckan.packages.get(first.remoteDatasetId)!;
    expect(created).toMatchObject({
      name: 'budget-29019-2025', title: 'Budget primitif 2025 de Brest', notes: 'Le budget voté', owner_org: 'brest-metropole', license_id: 'lov2',
      private: false, tags: [{ name: 'budget' }],
    });
    expect(created.extras).toEqual([
      { key: 'schema', value: 'scdl/budget' }, { key: 'temporal_start', value: '2025-01-01' }, { key: 'temporal_end', value: '2025-12-31' },
    ]);
    expect(first.remoteUrl).toBe(`${ckan.baseUrl}/dataset/budget-29019-2025`);
    const rid = first.resources[0]!.remoteResourceId;
    expect(ckan.content(rid)?.toString()).toBe('compte;montant\n6411;100\n');
    expect(created.resources[0]).toMatchObject({ name: 'Budget (csv)', format: 'CSV', mimetype: 'text/csv', hash: expect.stringMatching(/^[0-9a-f]{64}$/) });

    // A human sets a maintainer and an extra of their own, and renames our resource.
    ckan.editByHand(first.remoteDatasetId, { maintainer: 'Service SIG', extras: [...(created.extras as object[]), { key: 'theme', value: 'finances' }] });
    created.resources[0]!.name = 'Renamed by a human';
    ckan.requests.length = 0;
    const v2 = Buffer.from('compte;montant\n6411;120\n');
    const second = await sut().publish(publication({ remoteDatasetId: first.remoteDatasetId, title: 'Budget 2025 de Brest', resources: [file('csv', v2, rid)] }));

    expect(second.resources[0]!.remoteResourceId).toBe(rid);
    const updated = ckan.packages.get(first.remoteDatasetId)!;
    expect(updated).toMatchObject({ maintainer: 'Service SIG', title: 'Budget 2025 de Brest', private: false });
    expect(updated.extras).toEqual(expect.arrayContaining([{ key: 'theme', value: 'finances' }, { key: 'schema', value: 'scdl/budget' }]));
    expect(updated.extras).toHaveLength(4);
    expect(updated.resources).toHaveLength(1);
    expect(updated.resources[0]!.name).toBe('Budget (csv)');
    expect(ckan.content(rid)).toEqual(v2);
    expect(ckan.requests.map((r) => r.path.replace('/api/3/action/', ''))).toEqual(['package_show', 'package_patch', 'resource_patch']);
    expect(ckan.calls('package_patch')[0]!.json).toMatchObject({ id: first.remoteDatasetId, private: false });
    expect(ckan.calls('resource_patch')[0]!.fields).toMatchObject({ id: rid });
  });

  it('derives a valid CKAN name from the title when none is given', async () => {
    expect(machineName('Délibérations de Saint-Brieuc (2025)')).toBe('deliberations-de-saint-brieuc-2025');
    const first = await sut().publish(publication({ name: undefined }));
    expect(ckan.packages.get(first.remoteDatasetId)!.name).toBe('budget-primitif-2025-de-brest');
  });

  it.each([
    [400, 'PORTAL_REJECTED'], [403, 'PORTAL_AUTH_FAILED'], [404, 'PORTAL_NOT_FOUND'], [409, 'PORTAL_REJECTED'],
    [423, 'PORTAL_LOCKED'], [429, 'PORTAL_UNAVAILABLE'], [500, 'PORTAL_UNAVAILABLE'], [503, 'PORTAL_UNAVAILABLE'],
  ])('maps HTTP %i to %s, with CKAN’s error and without the token', async (status, code) => {
    ckan.faults.failNext(1, status);
    const err = await failure(sut().publish(publication()));
    expect(err.code).toBe(code);
    expect(err.details).toMatchObject({ portal: 'ckan (test)', method: 'POST', path: '/package_create', status });
    expect(typeof err.details?.portalMessage === 'string' && err.details.portalMessage.length > 0).toBe(true);
    expect(`${err.message} ${JSON.stringify(err.details)}`).not.toContain(ckan.apiToken);
  });

  it('reports a validation error (409) with its fields, and a wrong token as PORTAL_AUTH_FAILED', async () => {
    const noOrg = new CkanPublisher({ name: 'ckan', baseUrl: ckan.baseUrl, apiKey: ckan.apiToken, organization: null });
    const invalid = await failure(noOrg.publish(publication()));
    expect(invalid.code).toBe('PORTAL_REJECTED');
    expect(invalid.details?.portalMessage).toContain('owner_org');

    const wrong = new CkanPublisher({ name: 'ckan', baseUrl: ckan.baseUrl, apiKey: 'wrong-token-42', organization: 'brest-metropole' });
    const denied = await failure(wrong.publish(publication()));
    expect(denied.code).toBe('PORTAL_AUTH_FAILED');
    expect(denied.details?.portalMessage).toContain('Authorization Error');
  });

  it('treats a 200 whose envelope says success: false as a rejection', async () => {
    const publisher = new CkanPublisher(
      { name: 'ckan', baseUrl: ckan.baseUrl, apiKey: ckan.apiToken, organization: 'o' },
      { fetch: () => Promise.resolve(new Response(JSON.stringify({ success: false, error: { __type: 'Validation Error', name: ['Missing value'] } }), { status: 200 })) },
    );
    const err = await failure(publisher.publish(publication()));
    expect(err.code).toBe('PORTAL_REJECTED');
    expect(err.details?.portalMessage).toContain('name: Missing value');
  });

  it('times out into PORTAL_UNAVAILABLE', async () => {
    ckan.faults.hangNext(1);
    expect((await failure(sut({ timeoutMs: 300 }).publish(publication()))).code).toBe('PORTAL_UNAVAILABLE');
  });

  it('unpublishes with package_patch private: true, keeping the dataset', async () => {
    const first = await sut().publish(publication());
    await sut().unpublishDataset(first.remoteDatasetId);
    expect(ckan.packages.get(first.remoteDatasetId)).toMatchObject({ private: true, state: 'active' });
    expect(ckan.calls('package_delete')).toHaveLength(0);
  });
});
