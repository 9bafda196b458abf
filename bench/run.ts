// The benchmarks of the README, each a rate or a ratio measured side by side in one run:
//   npm run -s bench                      all of them, one table
//   npm run -s bench -- extraction fuzz   only these
// Sizes: BENCH_ACTS, BENCH_BACKFILL_ACTS, BENCH_PDFS, BENCH_GATEWAY_SECONDS, BENCH_GATEWAY_CONNECTIONS,
// BENCH_DATASET_ROWS, BENCH_FUZZ_RUNS (see each file).
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { startThrowawayStack, type ThrowawayStack } from '../infra/src/throwaway-stack';
import { machine, renderTable, type Benchmark, type BenchRow } from './bench-kit';
import { anonymiserBenchmark } from './anonymiser';
import { backfillBenchmark } from './backfill';
import { datasetExportBenchmark } from './dataset-export';
import { extractionBenchmark } from './extraction';
import { fuzzBenchmark } from './fuzz';
import { gatewayLoadBenchmark } from './gateway-load';
import { orchestrationBenchmark } from './orchestration';

const BENCHMARKS: Record<string, Benchmark> = {
  orchestration: orchestrationBenchmark,
  extraction: extractionBenchmark,
  anonymiser: anonymiserBenchmark,
  'gateway-load': gatewayLoadBenchmark,
  'dataset-export': datasetExportBenchmark,
  backfill: backfillBenchmark,
  fuzz: fuzzBenchmark,
};

async function main(): Promise<number> {
  const names = process.argv.slice(2);
  const unknown = names.filter((n) => !BENCHMARKS[n]);
  if (unknown.length) {
    console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${Object.keys(BENCHMARKS).join(', ')}`);
    return 2;
  }
  const log = (line: string) => console.error(`[bench] ${line}`);
  // Workers' state changes would drown the table: warnings only.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const machineLine = machine();
  let stack: Promise<ThrowawayStack> | undefined;
  const ctx = { log, stack: () => (stack ??= startThrowawayStack({ prefix: 'openactes-bench-', database: 'openactes_bench', log })) };
  const stop = async () => {
    if (stack) await (await stack.catch(() => null))?.stop();
  };
  process.once('SIGINT', () => void stop().finally(() => process.exit(130)));
  const rows: BenchRow[] = [];
  try {
    for (const name of names.length ? names : Object.keys(BENCHMARKS)) {
      const started = Date.now();
      log(`${name}: running`);
      try {
        rows.push(...(await BENCHMARKS[name](ctx)));
      } catch (err) {
        log(`${name}: failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        rows.push({ name, ours: 'error', reference: '', result: '', target: '', met: false, note: err instanceof Error ? err.message.split('\n')[0] : String(err) });
      }
      log(`${name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    await stop();
  }
  process.stdout.write(`\nMachine: ${machineLine}\n\n${renderTable(rows)}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
