import { Readable } from 'node:stream';
import { codeForStatus, portalMessage } from './portal-http';
import { chunksOf, readAll } from './resource-content';

describe(codeForStatus.name, () => {
  it.each([
    [400, 'PORTAL_REJECTED'], [409, 'PORTAL_REJECTED'], [415, 'PORTAL_REJECTED'], [401, 'PORTAL_AUTH_FAILED'], [403, 'PORTAL_AUTH_FAILED'],
    [404, 'PORTAL_NOT_FOUND'], [410, 'PORTAL_NOT_FOUND'], [423, 'PORTAL_LOCKED'], [408, 'PORTAL_UNAVAILABLE'], [429, 'PORTAL_UNAVAILABLE'],
    [500, 'PORTAL_UNAVAILABLE'], [503, 'PORTAL_UNAVAILABLE'],
  ])('maps %i to %s', (status, code) => expect(codeForStatus(status)).toBe(code));
});

describe(portalMessage.name, () => {
  it('reads udata and CKAN error bodies', () => {
    expect(portalMessage({ errors: { title: ['This field is required.'] }, message: 'Validation error' })).toBe('Validation error: title: This field is required.');
    expect(portalMessage({ success: false, error: { __type: 'Validation Error', name: ['That URL is already in use.'] } })).toBe('Validation Error: name: That URL is already in use.');
    expect(portalMessage({ success: false, error: 'Chunk size mismatch' })).toBe('Chunk size mismatch');
    expect(portalMessage('<html>')).toBeNull();
  });
});

describe(chunksOf.name, () => {
  const data = Buffer.from('0123456789abcdefghij');
  const sizes = async (source: () => NodeJS.ReadableStream | Promise<Buffer>, size: number) => {
    const parts: string[] = [];
    for await (const part of chunksOf({ open: source }, size)) parts.push(part.toString());
    return parts;
  };

  it('cuts a stream into parts of exactly the chunk size, whatever the stream pieces', async () => {
    const pieces = () => Readable.from([data.subarray(0, 3), data.subarray(3, 11), data.subarray(11)]);
    expect(await sizes(pieces, 8)).toEqual(['01234567', '89abcdef', 'ghij']);
    expect(await sizes(() => Promise.resolve(data), 8)).toEqual(['01234567', '89abcdef', 'ghij']);
    expect((await readAll({ open: pieces })).equals(data)).toBe(true);
  });
});
