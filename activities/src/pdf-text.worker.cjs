'use strict';
// Runs pdf.js (through pdf-parse) off the main thread for pdf-text.ts: plain
// CommonJS so that a worker thread loads it without the TypeScript hook.
// Messages in: { id, data: Uint8Array }. Out, per job: { id, page, total, text }
// for each page in order, then { id, done: true } or { id, error: 'encrypted' | 'invalid' }.
const { parentPort } = require('node:worker_threads');
const { PasswordException, PDFParse } = require('pdf-parse');

/**
 * The PDF is untrusted: pdf.js may not compile its functions with `eval`, nor
 * reach system fonts. Glyph shapes are never needed for text.
 */
const LOAD_OPTIONS = {
  isEvalSupported: false,
  useSystemFonts: false,
  disableFontFace: true,
  fontExtraProperties: false,
  enableXfa: false,
};
const TEXT_OPTIONS = { pageJoiner: '' };

async function extract({ id, data }) {
  const parser = new PDFParse({ ...LOAD_OPTIONS, data });
  try {
    let total = 1;
    for (let page = 1; page <= total; page++) {
      const result = await parser.getText({ ...TEXT_OPTIONS, partial: [page] });
      total = result.total;
      if (total === 0) break;
      parentPort.postMessage({ id, page: page - 1, total, text: result.pages[0]?.text ?? '' });
    }
    parentPort.postMessage({ id, done: true, total });
  } catch (err) {
    parentPort.postMessage({ id, error: err instanceof PasswordException ? 'encrypted' : 'invalid' });
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

// One document at a time per thread: the pool spreads documents across threads.
let queue = Promise.resolve();
parentPort.on('message', (job) => {
  queue = queue.then(() => extract(job));
});
