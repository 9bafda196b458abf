import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { extractPdfText } from '@openactes/activities';
import { generateDeliberations } from '@openactes/demo-data';
import { writeTextPdf } from '@openactes/formats';
import { envInt, fmt, mapLimit, type Benchmark } from './bench-kit';

const run = promisify(execFile);

/**
 * Pages per second of our extraction against poppler's `pdftotext` on the same
 * PDFs: generated 3-page and 30-page deliberations, and the real samples of the
 * shared folder when present. Both sides are timed in wall-clock time over the
 * whole corpus with the same concurrency (one file per core), as a worker would
 * run its extraction activities.
 */
export const extractionBenchmark: Benchmark = async ({ log }) => {
  ensurePdftotext(log);
  const corpus = buildCorpus(envInt('BENCH_PDFS', 60));
  const pages = corpus.reduce((n, f) => n + f.pages, 0);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openactes-bench-pdf-'));
  try {
    const files = corpus.map((f, i) => {
      const file = path.join(dir, `${i}.pdf`);
      fs.writeFileSync(file, f.data);
      return file;
    });
    const concurrency = os.cpus().length;
    // Warm-up of both sides (JIT, page cache), then the timed passes.
    await mapLimit(corpus.slice(0, 4), concurrency, (f) => extractPdfText(f.data));
    await mapLimit(files.slice(0, 4), concurrency, (f) => run('pdftotext', ['-enc', 'UTF-8', f, '-']));

    let started = process.hrtime.bigint();
    await mapLimit(files, concurrency, (f) => run('pdftotext', ['-enc', 'UTF-8', f, '-'], { maxBuffer: 64 * 2 ** 20 }));
    const popplerSeconds = Number(process.hrtime.bigint() - started) / 1e9;

    started = process.hrtime.bigint();
    const extracted = await mapLimit(corpus, concurrency, (f) => extractPdfText(f.data));
    const oursSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const ourPages = extracted.reduce((n, e) => n + e.pages.length, 0);
    if (ourPages !== pages) log(`extraction: ${ourPages} pages read, ${pages} expected`);

    const ours = pages / oursSeconds;
    const reference = pages / popplerSeconds;
    log(`extraction: ${corpus.length} PDFs, ${pages} pages; ours ${oursSeconds.toFixed(2)} s, pdftotext ${popplerSeconds.toFixed(2)} s`);
    return [
      {
        name: `Extraction (${corpus.length} PDFs, ${pages} pages, ${concurrency} at a time)`,
        ours: `${fmt(ours, 1)} pages/s`,
        reference: `pdftotext ${fmt(reference, 1)} pages/s`,
        result: `${(ours / reference).toFixed(2)}×`,
        target: '≥ 0.5×',
        met: ours / reference >= 0.5,
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

interface CorpusPdf {
  data: Buffer;
  pages: number;
}

/** Three quarters 3-page deliberations, one quarter 30-page documents, plus the real samples. */
function buildCorpus(count: number): CorpusPdf[] {
  const long = Math.max(1, Math.floor(count / 4));
  const short = generateDeliberations({ seed: 6, count: count - long, pagesPerAct: 3 }).map((d) => ({ data: writeTextPdf(d.pages, { title: d.objet }), pages: d.pages.length }));
  const longDocs = Array.from({ length: long }, (_, i) => {
    const parts = generateDeliberations({ seed: 1000 + i, count: 10, pagesPerAct: 3 });
    const pages = parts.flatMap((d) => d.pages);
    return { data: writeTextPdf(pages, { title: parts[0].objet }), pages: pages.length };
  });
  return [...short, ...longDocs, ...samplePdfs()];
}

function samplePdfs(): CorpusPdf[] {
  const dir = path.join(process.env.SHARED_DIR ?? path.resolve(__dirname, '../../shared'), 'samples/pdf');
  const manifestFile = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) return [];
  const { pdfs } = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { pdfs: { file: string; pages: number }[] };
  return pdfs
    .map((e) => ({ file: path.join(dir, e.file), pages: e.pages }))
    .filter((e) => e.pages > 0 && fs.existsSync(e.file))
    .map((e) => ({ data: fs.readFileSync(e.file), pages: e.pages }));
}

/** The reference must be there: install poppler-utils once when it is not (Debian). */
function ensurePdftotext(log: (line: string) => void): void {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
  } catch {
    log('extraction: pdftotext missing, installing poppler-utils');
    execFileSync('apt-get', ['install', '-y', '-q', 'poppler-utils'], { stdio: 'inherit' });
  }
}
