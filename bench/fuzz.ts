import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { envInt, fmt, type Benchmark } from './bench-kit';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');

/**
 * The property-based specs of every parser (the same files CI runs with ~200
 * cases per property), run long: BENCH_FUZZ_RUNS cases per parser, spread over
 * its properties. A failed property is an exception that is not a CodedError.
 */
const PARSERS = [
  { parser: 'ACTES archive (readActesArchive)', spec: 'libs/formats/src/actes/actes-archive.fuzz.spec.ts', properties: 4 },
  // 2 generated messages + 4 shared samples, 3 kinds of damage each.
  { parser: 'ACTES messages (parseActesXml)', spec: 'libs/formats/src/actes/actes-messages.fuzz.spec.ts', properties: 18 },
  { parser: 'TOTEM (readTotem)', spec: 'libs/formats/src/totem/totem-document.fuzz.spec.ts', properties: 3 },
  { parser: 'DECP (readDecp)', spec: 'libs/formats/src/decp/read-decp.fuzz.spec.ts', properties: 12 },
  { parser: 'CSV + Table Schema (parseCsv, validateTable)', spec: 'libs/formats/src/csv/csv.fuzz.spec.ts', properties: 3 },
];

export const fuzzBenchmark: Benchmark = async ({ log }) => {
  const perParser = envInt('BENCH_FUZZ_RUNS', 10_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openactes-bench-fuzz-'));
  try {
    const rows = [];
    for (const { parser, spec, properties } of PARSERS) {
      const runs = Math.ceil(perParser / properties);
      const out = path.join(dir, `${path.basename(spec)}.json`);
      const started = process.hrtime.bigint();
      await run(process.execPath, [path.join(ROOT, 'node_modules/jest/bin/jest.js'), '--ci', '--selectProjects', 'unit', '--runTestsByPath', spec, '--json', '--outputFile', out], {
        cwd: ROOT,
        env: { ...process.env, FUZZ_RUNS: String(runs), NODE_OPTIONS: '--experimental-vm-modules' },
        maxBuffer: 64 * 2 ** 20,
      }).catch((err: { code?: number }) => {
        if (!fs.existsSync(out)) throw err; // failed properties exit 1 with a report; anything else is a bench failure
      });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const report = JSON.parse(fs.readFileSync(out, 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTests: number };
      const cases = runs * properties;
      log(`fuzz: ${parser}: ${cases} cases in ${seconds.toFixed(1)} s, ${report.numFailedTests} failed test(s)`);
      rows.push({
        name: `Fuzz ${parser}`,
        ours: `${fmt(cases)} cases, ${report.numFailedTests} uncaught`,
        reference: `${properties} properties × ${fmt(runs)}`,
        result: `${fmt(cases / seconds)} cases/s`,
        target: '≥ 10 000 cases, 0 uncaught',
        met: cases >= 10_000 && report.numFailedTests === 0 && report.numPassedTests === report.numTotalTests,
      });
    }
    return rows;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};
