// Runs the anonymiser on a labelled JSONL corpus and prints the metrics of the corpus README:
//   npm run -s bench:anonymisation [-- path/to/corpus.jsonl]
// Default corpus: $SHARED_DIR/corpus/anon-dev/dev.jsonl.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { anonymise } from '@openactes/anonymisation';
import { computeMetrics, ratio, type GoldDocument, type Prediction, type Ratio } from './metrics';

const LABELS = ['PERSON', 'ADDRESS', 'PARCEL', 'BIRTHDATE', 'PHONE', 'EMAIL', 'IBAN', 'NIR', 'JUDGEMENT', 'QUASI_ID'];
const ROLES = ['elected', 'agent', 'professional', 'other'];

function corpusPath(): string {
  const arg = process.argv[2];
  if (arg) return path.resolve(arg);
  const shared = process.env.SHARED_DIR ?? path.resolve(__dirname, '../../../shared');
  return path.join(shared, 'corpus/anon-dev/dev.jsonl');
}

function row(name: string, r: Ratio | undefined, target = ''): string {
  const value = ratio(r);
  const shown = Number.isNaN(value) ? '—' : value.toFixed(3);
  return `| ${name} | ${shown} | ${r ? `${r.hits}/${r.total}` : '0/0'} | ${target} |`;
}

function main(): void {
  const documents = readFileSync(corpusPath(), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as GoldDocument & { officials?: string[] });
  const run = (): Prediction[] =>
    documents.map((doc) => ({ ranges: anonymise(doc.text, { officials: doc.officials }).entities.filter((e) => e.action === 'redact') }));
  // Throughput in steady state, per core: passes warm the JIT up for a second of CPU time, then
  // passes are timed in CPU time of this process (other processes do not count) for two seconds.
  const cpuSecondsSince = (start: NodeJS.CpuUsage): number => {
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1e6;
  };
  const predictions = run();
  const warmUp = process.cpuUsage();
  while (cpuSecondsSince(warmUp) < 1) run();
  let passes = 0;
  const started = process.cpuUsage();
  let seconds = 0;
  while (passes < 3 || seconds < 2) {
    run();
    passes++;
    seconds = cpuSecondsSince(started);
  }
  const bytes = documents.reduce((sum, doc) => sum + Buffer.byteLength(doc.text, 'utf8'), 0);
  const m = computeMetrics(documents, predictions);
  const lines = [
    `Corpus: ${corpusPath()} (${documents.length} documents, ${bytes} bytes)`,
    '',
    '| metric | value | count | target |',
    '|---|---:|---:|---|',
    row('redact recall, all labels (full coverage)', m.recall.ALL),
    ...LABELS.map((label) => row(`redact recall ${label}`, m.recall[label], label === 'PERSON' ? '≥ 0.99' : ['ADDRESS', 'PARCEL'].includes(label) ? '≥ 0.95' : label === 'QUASI_ID' || label === 'JUDGEMENT' ? '' : '1.0')),
    row('redact char recall (diagnosis)', m.charRecall),
    row('person leak rate', m.personLeak, '≤ 0.02'),
    row('entity data leak rate', m.entityDataLeak),
    row('leak-free documents', m.leakFreeDocuments),
    row('keep over-redaction, all roles', m.keepOverRedaction.ALL, '≤ 0.02'),
    ...ROLES.map((role) => row(`keep over-redaction ${role}`, m.keepOverRedaction[role])),
    row('ordinary text over-redaction (chars)', m.ordinaryOverRedaction, '≤ 0.01'),
    `| documents/second (per core) | ${((passes * documents.length) / seconds).toFixed(0)} | ${passes} passes | |`,
    `| MB/s (per core) | ${((passes * bytes) / 1e6 / seconds).toFixed(2)} | | ≥ 1 |`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
