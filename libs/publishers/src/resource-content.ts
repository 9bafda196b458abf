import type { PortalResource } from './publication';

/** The whole file, for single-request uploads (below the chunking threshold). */
export async function readAll(resource: Pick<PortalResource, 'open'>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of chunksOf(resource, Number.POSITIVE_INFINITY)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The file cut into parts of exactly `size` bytes (the last one shorter), read as a stream so a large file never sits whole in memory. */
export async function* chunksOf(resource: Pick<PortalResource, 'open'>, size: number): AsyncGenerator<Buffer> {
  const source = await resource.open();
  if (Buffer.isBuffer(source)) {
    const step = Number.isFinite(size) ? size : Math.max(source.length, 1);
    for (let offset = 0; offset < source.length; offset += step) yield source.subarray(offset, offset + step);
    return;
  }
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const piece of source as AsyncIterable<Buffer | string>) {
    const buf = typeof piece === 'string' ? Buffer.from(piece) : piece;
    pending.push(buf);
    pendingBytes += buf.length;
    while (pendingBytes >= size) {
      const all = Buffer.concat(pending);
      yield all.subarray(0, size);
      pending = [all.subarray(size)];
      pendingBytes = all.length - size;
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending);
}
