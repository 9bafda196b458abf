import { coalesce, encodeDataset } from '@openactes/formats';
import type { Response } from 'express';

/**
 * Streams a CSV dataset (UTF-8, comma, header first) from rows read in pages:
 * memory stays flat whatever the size, and a slow reader slows the reading.
 */
export async function sendCsv(res: Response, fileName: string, header: readonly string[], rows: AsyncGenerator<Record<string, string>>): Promise<void> {
  // The first page is read before the headers are sent, so that a database failure is still a clean error.
  const first = await rows.next();
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `inline; filename="${fileName}"`);
  res.setHeader('Link', '<https://www.etalab.gouv.fr/licence-ouverte-open-licence/>; rel="license"');
  async function* all(): AsyncGenerator<Record<string, string>> {
    if (first.done) return;
    yield first.value;
    for (let r = await rows.next(); !r.done; r = await rows.next()) yield r.value;
  }
  for await (const chunk of coalesce(encodeDataset('csv', header, all()))) {
    if (res.destroyed) {
      await rows.return(undefined);
      return;
    }
    if (!res.write(chunk)) await drainedOrClosed(res);
  }
  res.end();
}

/** A client that goes away never sends `drain`: stop waiting on `close` too. */
export function drainedOrClosed(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
