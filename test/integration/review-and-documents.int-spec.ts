import { createHash } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { extractPdfText } from '@openactes/activities';
import { runCli } from '@openactes/cli';
import { writeActeArchive, writeAnnulationArchive, writePrefectureArchive, writeTextPdf } from '@openactes/formats';
import { TenantStore } from '@openactes/persistence';
import { eventually, openStores, postArchive, startGateway, startWorker, testConfig, loginAs, sessionHeaders, type LoggedIn, type RunningGateway, type RunningWorker } from '../support/harness';

interface ActView {
  status: string;
  publishedDocuments: { id: string; url: string; mediaType: string; publishedAs: string; sha256: string; sizeBytes: number; publishedAt: string }[];
  documents: { id: string; role: string; sha256: string }[];
  steps: { action: string; details: Record<string, unknown> }[];
  workflowId: string;
}

/**
 * A held act: reminders then escalation while nobody decides, corrections with an approval,
 * the end of its workflow when the prefecture rejects it or it is cancelled. A published act:
 * its files, original or regenerated, served with cache validators. The tenant's officials.
 */
describe('review, corrections and published documents', () => {
  // Short review delays: the timers fire within seconds on the real Temporal server.
  const config = testConfig({ REVIEW_REMINDER_AFTER: '2s', REVIEW_ESCALATE_AFTER: '4s' });
  const siren = '213502388';
  let stores: Awaited<ReturnType<typeof openStores>>;
  let gateway: RunningGateway;
  let worker: RunningWorker;
  let connection: Connection;
  let temporal: Client;
  // Reviews are a reviewer's, through a console session (platform tokens do not review).
  let reviewer: LoggedIn;

  beforeAll(async () => {
    stores = await openStores(config);
    gateway = await startGateway(config);
    reviewer = await loginAs(gateway.baseUrl, stores.dataSource, 'reviewer');
    worker = await startWorker(config, stores.dataSource);
    connection = await Connection.connect({ address: config.temporal.address });
    temporal = new Client({ connection, namespace: config.temporal.namespace });
  });

  afterAll(async () => {
    await connection?.close();
    await worker?.stop();
    await gateway?.stop();
    await stores?.dataSource.destroy();
  });

  const session = ['Commune de Saint-Test', 'Séance du conseil municipal du 5 mars 2026', 'Présents : M. Paul LE GALL, maire, Mme Anne TANGUY, adjointe.'];
  // Enough letters for a usable text layer (a short page looks like a scan needing OCR).
  const preamble = [
    'Vu le code général des collectivités territoriales, et notamment ses articles L2121-29 et suivants,',
    'Vu la délibération du conseil municipal fixant les conditions de publication des actes de la commune,',
    'Considérant la nécessité de statuer sur la présente affaire inscrite à l’ordre du jour de la séance,',
  ];
  const sensitive = 'Le conseil prend acte de la sanction disciplinaire de licenciement prononcée contre un agent.';
  const specOf = (numeroInterne: string, objet: string) => ({ siren, departement: '035', date: '2026-03-05', numeroInterne, nature: 'DE' as const, matieres: [3, 2], objet });

  const send = async (numeroInterne: string, objet: string, lines: string[]) => {
    const pdf = writeTextPdf([[...lines.slice(0, 2), ...preamble, ...lines.slice(2)]]);
    const spec = { ...specOf(numeroInterne, objet), document: { data: pdf, pieceType: '99_DE' } };
    const res = await postArchive(gateway.baseUrl, writeActeArchive(spec).data);
    expect(res.status).toBe(202);
    return { id: ((await res.json()) as { acts: { id: string }[] }).acts[0].id, pdf, spec };
  };
  const view = async (id: string) => (await (await fetch(`${gateway.baseUrl}/api/v1/acts/${id}`)).json()) as ActView;
  const review = (id: string, body: Record<string, unknown>) =>
    fetch(`${gateway.baseUrl}/api/v1/acts/${id}/review`, {
      method: 'POST',
      headers: sessionHeaders(reviewer, { 'content-type': 'application/json' }),
      body: JSON.stringify(body),
    });
  const mainText = async (id: string) =>
    ((await stores.dataSource.query(`SELECT text, pseudonymised_text FROM document WHERE act_id = $1 AND role = 'main'`, [id])) as { text: string; pseudonymised_text: string }[])[0];
  const actions = async (id: string) => (await stores.audit.forSubject('act', id)).map((e) => e.action);

  it('reminds, then escalates, while an act waits for its reviewer, and still never publishes it by itself', async () => {
    const { id } = await send('REV_TIMER_1', 'Procédure disciplinaire', [...session, sensitive, 'Adopté à l’unanimité.']);
    await eventually(() => actions(id), (a) => a.includes('act.review_escalated'), 20_000);
    const trail = await stores.audit.forSubject('act', id);
    const reminder = trail.find((e) => e.action === 'act.review_reminder');
    const escalation = trail.find((e) => e.action === 'act.review_escalated');
    expect(reminder?.details).toMatchObject({ waitedMs: 2000 });
    expect(escalation?.details).toMatchObject({ waitedMs: 4000 });
    expect(escalation!.at.getTime() - reminder!.at.getTime()).toBeGreaterThanOrEqual(1500);
    expect((await view(id)).status).toBe('held_for_review');

    expect((await review(id, { decision: 'approve' })).status).toBe(202);
    await eventually(() => view(id), (a) => a.status === 'published');
  }, 40_000);

  it('applies an approval\'s corrections: an added redaction disappears from the published text and file', async () => {
    const { id } = await send('REV_CORR_1', 'Remerciements', [
      ...session,
      sensitive,
      'Le conseil remercie Youenn Le Floc’h pour son aide. Youenn Le Floc’h sera invité.',
      'Adopté à l’unanimité.',
    ]);
    await eventually(() => view(id), (a) => a.status === 'held_for_review');
    const { text, pseudonymised_text: before } = await mainText(id);
    // The anonymiser missed the name: only the reviewer's correction removes it.
    expect(before).toContain('Youenn Le Floc’h');
    const start = text.indexOf('Youenn Le Floc’h');
    const end = start + 'Youenn Le Floc’h'.length;

    const outOfRange = await review(id, { decision: 'approve', corrections: [{ start: text.length - 2, end: text.length + 5, action: 'redact' }] });
    expect(outOfRange.status).toBe(400);
    const refused = (await outOfRange.json()) as { code: string; details: { problems: { index: number }[] } };
    expect(refused).toMatchObject({ code: 'VALIDATION_FAILED', details: { problems: [{ index: 0 }] } });
    const overlapping = await review(id, { decision: 'approve', corrections: [{ start, end, action: 'redact' }, { start: start + 3, end: end + 2, action: 'keep' }] });
    expect(overlapping.status).toBe(400);
    expect(((await overlapping.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
    expect((await review(id, { decision: 'approve', corrections: [{ start, end, action: 'erase' }] })).status).toBe(400);
    expect((await review(id, { decision: 'withhold', corrections: [{ start, end, action: 'redact' }] })).status).toBe(400);

    expect((await review(id, { decision: 'approve', comment: 'nom ajouté', corrections: [{ start, end, action: 'redact' }] })).status).toBe(202);
    const published = await eventually(() => view(id), (a) => a.status === 'published');
    const { pseudonymised_text: after } = await mainText(id);
    expect(after).not.toContain('Floc’h');
    expect(after).toContain('Le conseil remercie [Personne 1] pour son aide. [Personne 1] sera invité.');
    expect(after).toContain('Paul LE GALL');

    const [document] = published.publishedDocuments;
    expect(document.publishedAs).toBe('regenerated');
    const file = Buffer.from(await (await fetch(`${gateway.baseUrl}${document.url}`)).arrayBuffer());
    const served = (await extractPdfText(file)).text;
    expect(served).toContain('[Personne 1]');
    expect(served).not.toContain('Floc');

    const corrections = (await stores.audit.forSubject('act', id)).find((e) => e.action === 'act.review_corrections');
    expect(corrections?.details).toMatchObject({ added: 1, unredacted: 0, corrections: [{ start, end, action: 'redact', label: null }] });
    expect(JSON.stringify(corrections?.details)).not.toContain('Floc');
  }, 40_000);

  it('serves the regenerated PDF of an act naming a private buyer, and the original bytes of an act with nothing to redact', async () => {
    const sale = await send('DOC_SALE_1', 'Cession de la parcelle cadastrée section AB n° 123 à M. Jean-Yves KERBRAT', [
      ...session,
      'Le conseil municipal décide de céder la parcelle AB 123 à M. Jean-Yves KERBRAT, demeurant 12 rue des Lilas, pour 15 000 euros.',
      'Adopté à l’unanimité.',
      'Le Maire, Paul LE GALL',
    ]);
    const plain = await send('DOC_PLAIN_1', 'Tarifs de la cantine scolaire', [
      ...session,
      'Le conseil municipal fixe le prix du repas de la cantine scolaire à 3,20 euros à compter du 1er septembre 2026.',
      'Adopté à l’unanimité.',
    ]);
    const saleView = await eventually(() => view(sale.id), (a) => a.status === 'published');
    const plainView = await eventually(() => view(plain.id), (a) => a.status === 'published');

    expect(saleView.publishedDocuments).toEqual([
      expect.objectContaining({ id: saleView.documents[0].id, publishedAs: 'regenerated', mediaType: 'application/pdf', url: `/api/v1/acts/${sale.id}/documents/${saleView.documents[0].id}` }),
    ]);
    const res = await fetch(`${gateway.baseUrl}${saleView.publishedDocuments[0].url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^inline; filename="[A-Za-z0-9._-]+-pseudonymise\.pdf"$/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const bytes = Buffer.from(await res.arrayBuffer());
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(res.headers.get('etag')).toBe(`"${sha}"`);
    expect(saleView.publishedDocuments[0].sha256).toBe(sha);
    expect(new Date(res.headers.get('last-modified')!).getTime()).toBe(Math.floor(Date.parse(saleView.publishedDocuments[0].publishedAt) / 1000) * 1000);
    expect(sha).not.toBe(createHash('sha256').update(sale.pdf).digest('hex'));
    const text = (await extractPdfText(bytes)).text;
    expect(text).toContain('[Personne 1]');
    expect(text).toContain('Paul LE GALL');
    for (const canary of ['KERBRAT', 'Jean-Yves', 'Lilas']) expect(text).not.toContain(canary);

    // Cache validators: the same bytes are not sent twice.
    const byTag = await fetch(`${gateway.baseUrl}${saleView.publishedDocuments[0].url}`, { headers: { 'if-none-match': `"${sha}"` } });
    expect(byTag.status).toBe(304);
    expect(byTag.headers.get('etag')).toBe(`"${sha}"`);
    const byDate = await fetch(`${gateway.baseUrl}${saleView.publishedDocuments[0].url}`, { headers: { 'if-modified-since': res.headers.get('last-modified')! } });
    expect(byDate.status).toBe(304);
    const stale = await fetch(`${gateway.baseUrl}${saleView.publishedDocuments[0].url}`, { headers: { 'if-none-match': '"0000"' } });
    expect(stale.status).toBe(200);

    expect(plainView.publishedDocuments).toEqual([expect.objectContaining({ publishedAs: 'original', sha256: plainView.documents[0].sha256 })]);
    const original = Buffer.from(await (await fetch(`${gateway.baseUrl}${plainView.publishedDocuments[0].url}`)).arrayBuffer());
    expect(createHash('sha256').update(original).digest('hex')).toBe(createHash('sha256').update(plain.pdf).digest('hex'));
  }, 40_000);

  it('answers 404 for the files of an act that is not published, and for unknown files', async () => {
    const { id } = await send('DOC_HELD_1', 'Procédure disciplinaire', [...session, sensitive]);
    const held = await eventually(() => view(id), (a) => a.status === 'held_for_review');
    expect(held.publishedDocuments).toEqual([]);
    const res = await fetch(`${gateway.baseUrl}/api/v1/acts/${id}/documents/${held.documents[0].id}`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe('NOT_FOUND');
    expect((await fetch(`${gateway.baseUrl}/api/v1/acts/${id}/documents/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await review(id, { decision: 'withhold' })).status).toBe(202);
    await eventually(() => view(id), (a) => a.status === 'withdrawn');
  });

  it('ends the waiting workflow of a held act the prefecture rejects, and of one that is cancelled', async () => {
    const { id, spec } = await send('REV_END_1', 'Procédure disciplinaire', [...session, sensitive]);
    const held = await eventually(() => view(id), (a) => a.status === 'held_for_review');
    const anomaly = writePrefectureArchive({
      siren, departement: '035', date: '2026-03-10',
      messages: [{ kind: 'AnomalieActe', act: spec, date: '2026-03-10', nature: '001', detail: 'Pièce manquante' }],
    });
    expect((await postArchive(gateway.baseUrl, anomaly.data)).status).toBe(202);
    await expect(temporal.workflow.getHandle(held.workflowId).result()).resolves.toMatchObject({ status: 'rejected' });
    expect((await view(id)).status).toBe('rejected');
    expect(await actions(id)).not.toContain('act.published');

    // A cancellation needs the prefecture's IDActe: acknowledge the act first, then cancel it while it waits.
    const second = await send('REV_END_2', 'Procédure disciplinaire', [...session, sensitive]);
    const secondHeld = await eventually(() => view(second.id), (a) => a.status === 'held_for_review');
    const idActe = `035-${siren}-20260305-REV_END_2-DE`;
    const ar = writePrefectureArchive({ siren, departement: '035', date: '2026-03-06', messages: [{ kind: 'ARActe', act: second.spec, dateReception: '2026-03-06' }] });
    expect((await postArchive(gateway.baseUrl, ar.data)).status).toBe(202);
    expect((await postArchive(gateway.baseUrl, writeAnnulationArchive({ idActe, transmissionDate: '2026-03-12' }).data)).status).toBe(202);
    await expect(temporal.workflow.getHandle(secondHeld.workflowId).result()).resolves.toMatchObject({ status: 'withdrawn' });
  }, 40_000);

  it("keeps a name of the tenant's list of officials where they act as such, and redacts it where they are a private party", async () => {
    process.env.DATABASE_URL = config.databaseUrl;
    const out: string[] = [];
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
    try {
      await new TenantStore(stores.dataSource, stores.audit).upsertCollectivity({ siren, name: 'Commune de Saint-Test' }, 'test');
      expect(await runCli(['tenant', 'officials', '--siren', siren, '--set', 'Rozenn KERVELLA:adjointe', '--set', 'Paul LE GALL:maire'])).toBe(0);
      expect(await runCli(['tenant', 'officials', '--siren', siren, '--list'])).toBe(0);
      expect(await runCli(['tenant', 'officials', '--siren', siren, '--set', 'sans rôle'])).toBe(2);
    } finally {
      stdout.mockRestore();
    }
    expect(out.map((line) => JSON.parse(line) as unknown)).toEqual([
      { siren, officials: 2 },
      { name: 'Rozenn KERVELLA', role: 'adjointe' },
      { name: 'Paul LE GALL', role: 'maire' },
    ]);

    const official = await send('OFF_KEEP_1', 'Travaux de voirie', ['Séance du conseil municipal du 5 mars 2026', 'Mme Rozenn KERVELLA présente le rapport sur les travaux de voirie.', 'Adopté à l’unanimité.']);
    const buyer = await send('OFF_SALE_1', 'Cession de la parcelle AB 12', [
      'Séance du conseil municipal du 5 mars 2026',
      'Le conseil municipal décide de vendre la parcelle AB 12 à Mme Rozenn KERVELLA, demeurant 3 rue des Ajoncs, pour 8 000 euros.',
    ]);
    await eventually(() => view(official.id), (a) => a.status === 'published');
    await eventually(() => view(buyer.id), (a) => a.status === 'published');
    expect((await mainText(official.id)).pseudonymised_text).toContain('Mme Rozenn KERVELLA présente le rapport');
    const sold = (await mainText(buyer.id)).pseudonymised_text;
    expect(sold).toContain('à Mme [Personne 1], demeurant');
    expect(sold).not.toContain('KERVELLA');
  }, 40_000);
});
