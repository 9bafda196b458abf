import { csvLine } from './csv';

export type DatasetFormat = 'csv' | 'json';

export const DATASET_MEDIA_TYPES: Record<DatasetFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/**
 * The bytes of a dataset file, chunk by chunk, from rows read in pages. The
 * one encoder of every download and of the hashes of versions: a version's
 * file is byte-identical whenever it is served.
 * CSV: UTF-8, comma, CRLF, header in schema order. JSON: an array of objects
 * whose keys follow the header, one per line.
 */
export async function* encodeDataset(format: DatasetFormat, header: readonly string[], rows: AsyncIterable<Readonly<Record<string, string>>>): AsyncGenerator<string> {
  if (format === 'csv') {
    yield csvLine(header);
    for await (const row of rows) yield csvLine(header.map((name) => row[name] ?? ''));
    return;
  }
  let first = true;
  yield '[';
  for await (const row of rows) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(Object.fromEntries(header.map((name) => [name, row[name] ?? ''])))}`;
    first = false;
  }
  yield first ? ']\n' : '\n]\n';
}

/** Joins small chunks into pieces of about `size` characters: one socket write per piece, not per row. */
export async function* coalesce(chunks: AsyncIterable<string>, size = 64 * 1024): AsyncGenerator<string> {
  let pending: string[] = [];
  let length = 0;
  for await (const chunk of chunks) {
    pending.push(chunk);
    length += chunk.length;
    if (length >= size) {
      yield pending.join('');
      pending = [];
      length = 0;
    }
  }
  if (pending.length) yield pending.join('');
}
