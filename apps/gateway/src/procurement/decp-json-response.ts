import type { DecpContract } from '@openactes/formats';
import type { Response } from 'express';
import { drainedOrClosed } from '../common/csv-response';

/**
 * Streams a DECP 2.0.3 JSON document (`{"marches": {"marche": […],
 * "contrat-concession": […]}}`, the shape of `decpToJson`) one contract at a
 * time. Like `decpToJson`, an empty document is an empty list of marchés, and
 * a list with no contract is left out.
 */
export async function sendDecpJson(
  res: Response,
  fileName: string,
  marches: AsyncGenerator<DecpContract>,
  concessions: AsyncGenerator<DecpContract>,
): Promise<void> {
  // The first of each list is read before the headers are sent, so that a database failure is still a clean error.
  const firstMarche = await marches.next();
  const firstConcession = await concessions.next();
  res.status(200);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Disposition', `inline; filename="${fileName}"`);
  res.setHeader('Link', '<https://www.etalab.gouv.fr/licence-ouverte-open-licence/>; rel="license"');
  res.write('{"marches":{');
  const lists: [string, IteratorResult<DecpContract>, AsyncGenerator<DecpContract>][] = [];
  if (!firstMarche.done || firstConcession.done) lists.push(['marche', firstMarche, marches]);
  if (!firstConcession.done) lists.push(['contrat-concession', firstConcession, concessions]);
  for (const [index, [key, first, rest]] of lists.entries()) {
    res.write(`${index > 0 ? ',' : ''}${JSON.stringify(key)}:[`);
    let separator = '\n';
    for (let r = first; !r.done; r = await rest.next()) {
      if (res.destroyed) {
        await Promise.all([marches.return(undefined), concessions.return(undefined)]);
        return;
      }
      if (!res.write(`${separator}${JSON.stringify(r.value.data)}`)) await drainedOrClosed(res);
      separator = ',\n';
    }
    res.write('\n]');
  }
  res.end('}}\n');
}
