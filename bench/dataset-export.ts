import { createHash } from 'node:crypto';
import { generateDeliberations } from '@openactes/demo-data';
import { DATASET_KINDS, encodeDataset } from '@openactes/formats';
import { DatasetStore } from '@openactes/persistence';
import type { DataSource } from 'typeorm';
import { envInt, fmt, percentile, rssMiB, type Benchmark } from './bench-kit';
import { openDataSource, startGatewayProcess } from './pipeline';

const DATASET = 'deliberations';
const SEARCHES = 200;

/**
 * The dataset API on BENCH_DATASET_ROWS generated records (inserted with SQL):
 * `latest.csv` streamed through the real gateway, in its own process, counting
 * rows/s and sampling its RSS (constant memory: the same at 100 000 rows and at
 * the end); then the p95 latency of `records?q=` searches for different words.
 */
export const datasetExportBenchmark: Benchmark = async ({ stack: getStack, log }) => {
  const rows = envInt('BENCH_DATASET_ROWS', 1_000_000);
  const stack = await getStack();
  const dataSource = await openDataSource(stack, 2);
  try {
    const vocabulary = searchVocabulary();
    let started = Date.now();
    await insertRecords(dataSource, rows, vocabulary, log);
    log(`dataset-export: ${fmt(rows)} records inserted in ${((Date.now() - started) / 1000).toFixed(0)} s`);

    // The encoder in this process (no HTTP) is the reference; it also gives the file's size and hash to seal the version.
    const store = new DatasetStore(dataSource);
    const hash = createHash('sha256');
    let bytes = 0;
    started = Date.now();
    for await (const chunk of encodeDataset('csv', DATASET_KINDS.deliberations.header, store.versionRows(DATASET, 1))) {
      hash.update(chunk);
      bytes += Buffer.byteLength(chunk);
    }
    const inProcessRate = rows / ((Date.now() - started) / 1000);
    await store.seal(DATASET, 1, { csvSha256: hash.digest('hex'), csvBytes: bytes, jsonSha256: '0'.repeat(64), jsonBytes: 0 });

    // A capped heap makes V8 collect as it goes: what stays is what streaming needs, and a file held in memory would not fit.
    const gateway = await startGatewayProcess(stack, log, { NODE_OPTIONS: `--max-old-space-size=${HEAP_CAP_MIB}` });
    try {
      const idle = rssMiB(gateway.pid).rss;
      const { rate, lines, rssAt100k, peak } = await streamCsv(`${gateway.baseUrl}/api/v1/datasets/${DATASET}/latest.csv`, gateway.pid);
      if (lines !== rows + 1) throw new Error(`latest.csv had ${lines} lines, expected ${rows + 1}`);
      log(`dataset-export: ${fmt(bytes / 2 ** 20)} MiB streamed; gateway RSS idle ${fmt(idle)} MiB, at 100k rows ${fmt(rssAt100k)} MiB, peak ${fmt(peak)} MiB`);

      const latencies = await searches(`${gateway.baseUrl}/api/v1/datasets/${DATASET}/records`, vocabulary);
      const p95 = percentile(latencies, 95);
      return [
        {
          name: `Dataset CSV export (${fmt(rows)} rows, ${fmt(bytes / 2 ** 20)} MiB, through the gateway)`,
          ours: `${fmt(rate)} rows/s`,
          reference: `encoder in-process ${fmt(inProcessRate)} rows/s`,
          result: `${fmt(rate)} rows/s (${(rate / inProcessRate).toFixed(2)}×)`,
          target: '≥ 50 000 rows/s',
          met: rate >= 50_000,
        },
        {
          name: 'Dataset CSV export, gateway peak RSS',
          ours: `peak ${fmt(peak)} MiB`,
          reference: `idle ${fmt(idle)} MiB, at 100k rows ${fmt(rssAt100k)} MiB (V8 heap capped at ${HEAP_CAP_MIB} MiB, file ${fmt(bytes / 2 ** 20)} MiB)`,
          result: `+${fmt(peak - rssAt100k)} MiB from 100k to ${fmt(rows)} rows`,
          target: 'constant memory',
          // Flat: what the last 90% of the rows added is noise next to what streaming took to start.
          met: peak - rssAt100k < 64,
        },
        {
          name: `Dataset search (${SEARCHES} records?q= queries, ${fmt(rows)} records)`,
          ours: `p95 ${fmt(p95, 1)} ms`,
          reference: `p50 ${fmt(percentile(latencies, 50), 1)} ms, max ${fmt(Math.max(...latencies), 1)} ms`,
          result: `p95 ${fmt(p95, 1)} ms`,
          target: 'p95 < 50 ms',
          met: p95 < 50,
        },
      ];
    } finally {
      await gateway.stop();
    }
  } finally {
    await dataSource.destroy();
  }
};

/** Old-space limit of the gateway during the export: far below the file's size. */
const HEAP_CAP_MIB = 128;

/** Words of the generated deliberations' objets: what people search for. */
function searchVocabulary(): string[] {
  const words = new Set<string>();
  for (const d of generateDeliberations({ seed: 8, count: 400 })) {
    for (const w of d.objet.toLowerCase().split(/[^\p{L}]+/u)) if (w.length >= 5) words.add(w);
  }
  return [...words].sort();
}

/**
 * One sealed-to-be version 1 of the platform's deliberations dataset, made by
 * generate_series in batches. The indexes are built after the rows, as a bulk
 * load does (the database is a throw-away one).
 */
async function insertRecords(dataSource: DataSource, rows: number, vocabulary: string[], log: (line: string) => void): Promise<void> {
  const header = DATASET_KINDS.deliberations.header;
  await new DatasetStore(dataSource).ensure(DATASET);
  const value = (field: string) =>
    field === 'DELIB_OBJET'
      ? `'Délibération relative à ' || ($3::text[])[1 + i % n] || ' et ' || ($3::text[])[1 + (i * 7) % n] || ', ' || ($3::text[])[1 + (i * 13) % n]`
      : /DATE/.test(field)
        ? `to_char(date '2015-01-01' + (i % 3650), 'YYYY-MM-DD')`
        : `'${field.toLowerCase()}-' || i`;
  const row = `jsonb_build_object(${header.map((f) => `'${f}', ${value(f)}`).join(', ')})`;
  const dropped = ['ix_dataset_record_search', 'ix_dataset_record_live', 'ix_dataset_record_added'];
  await dataSource.query(`DROP INDEX ${dropped.join(', ')}`);
  const batch = 100_000;
  for (let from = 1; from <= rows; from += batch) {
    await dataSource.query(
      `INSERT INTO dataset_record (dataset_id, record_key, added_in, row_sha256, row, siren, record_date, nature, matiere, year, search)
       SELECT '${DATASET}', key, 1, encode(sha256(key::bytea), 'hex'), r, '213509821', (r->>'DELIB_DATE')::date, 'DE', '7.1', 2015 + (i % 10),
              to_tsvector('openactes_fr', r->>'DELIB_OBJET')
         FROM (SELECT i, lpad(i::text, 9, '0') AS key, ${row} AS r
                 FROM generate_series($1::int, $2::int) i, (SELECT cardinality($3::text[]) AS n) v) g`,
      [from, Math.min(rows, from + batch - 1), vocabulary],
    );
    log(`dataset-export: ${fmt(Math.min(rows, from + batch - 1))} records`);
  }
  await dataSource.query(`CREATE INDEX ix_dataset_record_live ON dataset_record (dataset_id, record_key) WHERE removed_in IS NULL`);
  await dataSource.query(`CREATE INDEX ix_dataset_record_added ON dataset_record (dataset_id, added_in)`);
  await dataSource.query(`CREATE INDEX ix_dataset_record_search ON dataset_record USING gin (search)`);
  await dataSource.query(`ANALYZE dataset_record`);
  await dataSource.query(
    `INSERT INTO dataset_version (dataset_id, number, created_at, row_count, added, removed, quarantined, quarantine, first_date, last_date)
     VALUES ($1, 1, now(), $2, $2, 0, 0, '{}', '2015-01-01', '2024-12-31')`,
    [DATASET, rows],
  );
}

async function streamCsv(url: string, pid: number): Promise<{ rate: number; lines: number; rssAt100k: number; peak: number }> {
  const started = process.hrtime.bigint();
  const res = await fetch(url);
  if (res.status !== 200 || !res.body) throw new Error(`${url} answered ${res.status}`);
  let lines = 0;
  let rssAt100k = NaN;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    const before = lines;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    if (before <= 100_000 && lines > 100_000) rssAt100k = rssMiB(pid).rss;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { rate: (lines - 1) / seconds, lines, rssAt100k, peak: rssMiB(pid).peak };
}

async function searches(url: string, vocabulary: string[]): Promise<number[]> {
  const words = Array.from({ length: SEARCHES + 10 }, (_, i) => vocabulary[(i * 37) % vocabulary.length]);
  const latencies: number[] = [];
  for (const [i, word] of words.entries()) {
    const started = process.hrtime.bigint();
    const res = await fetch(`${url}?q=${encodeURIComponent(word)}&limit=100`);
    const body = (await res.json()) as { items?: unknown[] };
    if (res.status !== 200 || !body.items) throw new Error(`records?q=${word} answered ${res.status}`);
    if (i >= 10) latencies.push(Number(process.hrtime.bigint() - started) / 1e6); // the first 10 warm up
  }
  return latencies;
}
