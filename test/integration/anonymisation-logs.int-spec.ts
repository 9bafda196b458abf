import type { AddressInfo } from 'node:net';
import { format } from 'node:util';
import type { INestApplication } from '@nestjs/common';
import { createGatewayApp } from '@openactes/gateway';
import { writeActeArchive, writeTextPdf } from '@openactes/formats';
import { eventually, openStores, postArchive, startWorker, testConfig, loginAs, sessionHeaders, type RunningWorker } from '../support/harness';

/** Personal data planted in the acts: none of it may appear in any log line of the gateway or the worker. */
const CANARIES = ['KERBRAT', 'Jean-Yves', 'Lilas', '06 39 98 12 34', '0639981234', 'jean-yves.kerbrat', 'example.com', '1 85 05 78 006 084 91', '006 084 91', 'FR76 3000 6000 0112 3456 7890 189', '0112 3456 7890', 'Gwenola', 'Le Floc’h'];

/** Everything written to stdout, stderr and the console while the test runs (Nest logger, Temporal runtime and workflow loggers, console). */
function captureLogs() {
  const lines: string[] = [];
  const sink = (chunk: unknown, ...rest: unknown[]): boolean => {
    lines.push(Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  };
  const streams = [jest.spyOn(process.stdout, 'write').mockImplementation(sink), jest.spyOn(process.stderr, 'write').mockImplementation(sink)];
  const spies = (['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((level) =>
    jest.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(format(...args))),
  );
  return {
    text: () => lines.join('\n'),
    restore: () => {
      for (const spy of [...streams, ...spies]) spy.mockRestore();
    },
  };
}

describe('no personal data in the logs of the act pipeline', () => {
  const config = testConfig({ REVIEW_REMINDER_AFTER: '1s', REVIEW_ESCALATE_AFTER: '2s' });
  const siren = '213500713';

  it('keeps every planted canary out of what the gateway and the worker log, through publication, review, corrections and download', async () => {
    const logs = captureLogs();
    const stores = await openStores(config);
    let worker: RunningWorker | undefined;
    let app: INestApplication | undefined;
    try {
      // The gateway as deployed: its logger on, every level.
      app = await createGatewayApp(config, { logger: ['log', 'warn', 'error', 'debug', 'verbose'] });
      await app.listen(0, '127.0.0.1');
      const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
      worker = await startWorker(config, stores.dataSource);
      const reviewer = await loginAs(baseUrl, stores.dataSource, 'reviewer');

      const send = async (numeroInterne: string, objet: string, lines: string[]) => {
        const { data } = writeActeArchive({
          siren, departement: '035', date: '2026-03-06', numeroInterne, nature: 'DE', matieres: [3, 2], objet,
          document: { data: writeTextPdf([lines]), pieceType: '99_DE' },
        });
        const res = await postArchive(baseUrl, data);
        expect(res.status).toBe(202);
        return ((await res.json()) as { acts: { id: string }[] }).acts[0].id;
      };
      const view = async (id: string) => (await (await fetch(`${baseUrl}/api/v1/acts/${id}`)).json()) as { status: string; publishedDocuments: { url: string }[] };
      const session = ['Commune de Saint-Test', 'Séance du conseil municipal du 6 mars 2026', 'Présents : M. Paul LE GALL, maire, Mme Anne TANGUY, adjointe.'];
      const personal = [
        'Le conseil municipal décide de céder la parcelle AB 123 à M. Jean-Yves KERBRAT, demeurant 12 rue des Lilas,',
        'joignable au 06 39 98 12 34 ou jean-yves.kerbrat@example.com, pour 15 000 euros,',
        'né le 12/05/1985, NIR 1 85 05 78 006 084 91, payés sur le compte FR76 3000 6000 0112 3456 7890 189.',
      ];

      const sale = await send('LOG_SALE_1', 'Cession de la parcelle AB 123 à M. Jean-Yves KERBRAT', [...session, ...personal, 'Adopté à l’unanimité.', 'Le Maire, Paul LE GALL']);
      const held = await send('LOG_HELD_1', 'Procédure disciplinaire', [
        ...session,
        ...personal,
        'Le conseil prend acte de la sanction disciplinaire de licenciement prononcée contre un agent.',
        'Le conseil remercie Gwenola Le Floc’h pour son aide.',
      ]);
      const published = await eventually(() => view(sale), (a) => a.status === 'published');
      expect((await fetch(`${baseUrl}${published.publishedDocuments[0].url}`)).status).toBe(200);

      await eventually(() => stores.audit.forSubject('act', held), (events) => events.some((e) => e.action === 'act.review_escalated'), 20_000);
      const [{ text }] = (await stores.dataSource.query(`SELECT d.text FROM document d WHERE d.act_id = $1 AND d.role = 'main'`, [held])) as { text: string }[];
      const start = text.indexOf('Gwenola Le Floc’h');
      const review = (body: unknown) =>
        fetch(`${baseUrl}/api/v1/acts/${held}/review`, {
          method: 'POST',
          headers: sessionHeaders(reviewer, { 'content-type': 'application/json' }),
          body: JSON.stringify(body),
        });
      // A refused request carrying personal data in its body: refused without echoing it to the log.
      expect((await review({ decision: 'approve', comment: 'M. KERBRAT', corrections: [{ start: -1, end: 3, action: 'redact' }] })).status).toBe(400);
      expect((await review({ decision: 'approve', comment: 'vu avec M. KERBRAT', corrections: [{ start, end: start + 'Gwenola Le Floc’h'.length, action: 'redact' }] })).status).toBe(202);
      const approved = await eventually(() => view(held), (a) => a.status === 'published');
      expect((await fetch(`${baseUrl}${approved.publishedDocuments[0].url}`)).status).toBe(200);
    } finally {
      await worker?.stop();
      await app?.close();
      await stores.dataSource.destroy();
      logs.restore();
    }

    const text = logs.text();
    // The capture works: the gateway's and the worker's own lines are in it.
    expect(text).toMatch(/transmission [0-9a-f-]{36}: 1 act\(s\)/);
    expect(text).toMatch(/Worker state changed/);
    for (const canary of CANARIES) expect({ canary, found: text.includes(canary) }).toEqual({ canary, found: false });
  }, 60_000);
});
