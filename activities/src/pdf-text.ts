import os from 'node:os';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { CodedError } from '@openactes/domain';
import { measureTextLayer, normaliseDocumentText, type NormalisedText, type TextLayerMeasure } from '@openactes/formats';

export interface PdfText extends NormalisedText {
  /** How usable the text layer is; `textLayer.needsOcr` when the PDF is (mostly) a scan. */
  textLayer: TextLayerMeasure;
}

export interface PdfTextOptions {
  /** Called after each page (0-based `index`), e.g. to heartbeat on long documents. */
  onPage?: (index: number, total: number) => void;
}

/**
 * The normalised text of a PDF, read page by page from one loaded document.
 * pdf.js runs in a pool of worker threads (one per core, see
 * pdf-text.worker.cjs): in Node it is plain JavaScript on the thread that
 * calls it, so several documents at once would otherwise share one core, and
 * a long document would hold the Temporal worker's event loop.
 * Parsing is deterministic, so a file pdf.js cannot read is a final failure,
 * never a retry.
 */
export async function extractPdfText(data: Buffer, { onPage }: PdfTextOptions = {}): Promise<PdfText> {
  const rawPages: string[] = [];
  // Page reports reach the caller one per turn of the event loop, however fast the thread sends them.
  let reported = Promise.resolve();
  await pool().run(new Uint8Array(data), (index, total, text) => {
    rawPages[index] = text;
    reported = reported.then(async () => {
      await nextTurn();
      onPage?.(index, total);
    });
  });
  await reported;
  const normalised = normaliseDocumentText(rawPages);
  return { ...normalised, textLayer: measureTextLayer(normalised.pages.map((p) => normalised.text.slice(p.start, p.end))) };
}

type PageSink = (index: number, total: number, text: string) => void;
type WorkerMessage = { id: number; page: number; total: number; text: string } | { id: number; done: true } | { id: number; error: 'encrypted' | 'invalid' };

interface Job {
  onPageText: PageSink;
  resolve(): void;
  reject(err: Error): void;
}

interface PooledThread {
  worker: Worker;
  jobs: Map<number, Job>;
}

const WORKER_FILE = path.join(__dirname, 'pdf-text.worker.cjs');

/** Threads started on first use; they do not keep the process alive when idle. */
class PdfThreadPool {
  private readonly threads: (PooledThread | null)[];
  private nextId = 1;

  constructor(size: number) {
    this.threads = new Array<PooledThread | null>(size).fill(null);
  }

  run(data: Uint8Array, onPageText: PageSink): Promise<void> {
    const thread = this.leastBusy();
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      thread.jobs.set(id, { onPageText, resolve, reject });
      thread.worker.ref();
      thread.worker.postMessage({ id, data }, [data.buffer as ArrayBuffer]);
    });
  }

  private leastBusy(): PooledThread {
    let best = -1;
    for (let i = 0; i < this.threads.length; i++) {
      const t = this.threads[i];
      if (!t) return (this.threads[i] = this.start(i));
      if (best < 0 || t.jobs.size < this.threads[best]!.jobs.size) best = i;
    }
    return this.threads[best]!;
  }

  private start(slot: number): PooledThread {
    const thread: PooledThread = { worker: new Worker(WORKER_FILE), jobs: new Map() };
    thread.worker.unref();
    thread.worker.on('message', (msg: WorkerMessage) => {
      const job = thread.jobs.get(msg.id);
      if (!job) return;
      if ('page' in msg) return job.onPageText(msg.page, msg.total, msg.text);
      thread.jobs.delete(msg.id);
      if (!thread.jobs.size) thread.worker.unref();
      if ('error' in msg) job.reject(unreadable(msg.error));
      else job.resolve();
    });
    // A thread that dies (out of memory on a hostile file) fails its jobs as transient faults; the next job starts a new one.
    const fail = (err: Error) => {
      if (this.threads[slot] === thread) this.threads[slot] = null;
      for (const job of thread.jobs.values()) job.reject(new Error(`PDF text thread stopped: ${err.message}`));
      thread.jobs.clear();
    };
    thread.worker.on('error', fail);
    thread.worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    return thread;
  }
}

let shared: PdfThreadPool | undefined;
function pool(): PdfThreadPool {
  return (shared ??= new PdfThreadPool(Math.max(1, Number(process.env.PDF_TEXT_THREADS) || os.availableParallelism())));
}

function unreadable(reason: 'encrypted' | 'invalid'): CodedError {
  return reason === 'encrypted'
    ? new CodedError('UNREADABLE_PDF', 'The PDF is encrypted', { reason: 'encrypted' })
    : new CodedError('UNREADABLE_PDF', 'The file is not a readable PDF', { reason: 'invalid' });
}
