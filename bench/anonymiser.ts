import fs from 'node:fs';
import path from 'node:path';
import { anonymise } from '@openactes/anonymisation';
import { generateDeliberations } from '@openactes/demo-data';
import { fmt, type Benchmark } from './bench-kit';

/**
 * Anonymiser throughput per core, in CPU time of this process (other processes
 * on the machine do not count): the labelled dev corpus of the shared folder
 * when present, and generated 3-page deliberations.
 */
export const anonymiserBenchmark: Benchmark = () => {
  const corpora: [string, { text: string; officials?: string[] }[]][] = [
    ['generated deliberations', generateDeliberations({ seed: 3, count: 200, pagesPerAct: 3 }).map((d) => ({ text: d.pages.map((p) => p.join('\n')).join('\n\f\n') }))],
  ];
  const dev = path.join(process.env.SHARED_DIR ?? path.resolve(__dirname, '../../shared'), 'corpus/anon-dev/dev.jsonl');
  if (fs.existsSync(dev)) {
    const docs = fs.readFileSync(dev, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { text: string; officials?: string[] });
    corpora.unshift(['anon-dev corpus', docs]);
  }
  return Promise.resolve(corpora.map(([name, docs]) => {
    const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.text, 'utf8'), 0);
    const pass = () => {
      for (const d of docs) anonymise(d.text, { officials: d.officials });
    };
    const cpuSince = (start: NodeJS.CpuUsage) => {
      const used = process.cpuUsage(start);
      return (used.user + used.system) / 1e6;
    };
    const warm = process.cpuUsage();
    while (cpuSince(warm) < 1) pass();
    let passes = 0;
    const started = process.cpuUsage();
    while (passes < 3 || cpuSince(started) < 3) {
      pass();
      passes++;
    }
    const mbPerSecond = (passes * bytes) / 1e6 / cpuSince(started);
    return {
      name: `Anonymiser (${name}: ${docs.length} documents, ${fmt(bytes / 1e3)} kB)`,
      ours: `${fmt(mbPerSecond, 2)} MB/s per core`,
      reference: '',
      result: `${fmt(mbPerSecond, 2)} MB/s`,
      target: '≥ 1 MB/s',
      met: mbPerSecond >= 1,
    };
  }));
};
