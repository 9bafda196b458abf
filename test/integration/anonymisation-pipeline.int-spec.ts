import { parseCsv, writeActeArchive, writeTextPdf } from '@openactes/formats';
import { eventually, openStores, postArchive, startGateway, startWorker, testConfig, type RunningGateway, type RunningWorker, registerCollectivities, loginAs, sessionHeaders, type LoggedIn } from '../support/harness';

/**
 * No private person's data reaches a published file or a public answer; what
 * the anonymiser is unsure of waits for a reviewer.
 */
describe('anonymisation in the act pipeline', () => {
  const config = testConfig();
  const siren = '213500713';
  let stores: Awaited<ReturnType<typeof openStores>>;
  let gateway: RunningGateway;
  let worker: RunningWorker;
  // Reviews are a reviewer's, through a console session (platform tokens do not review).
  let reviewer: LoggedIn;

  beforeAll(async () => {
    stores = await openStores(config);
    await registerCollectivities(stores.dataSource, [siren]);
    gateway = await startGateway(config);
    reviewer = await loginAs(gateway.baseUrl, stores.dataSource, 'reviewer');
    worker = await startWorker(config, stores.dataSource);
  });

  afterAll(async () => {
    await worker?.stop();
    await gateway?.stop();
    await stores?.dataSource.destroy();
  });

  const send = async (numeroInterne: string, objet: string, lines: string[]) => {
    const { data } = writeActeArchive({
      siren, departement: '035', date: '2026-03-05', numeroInterne, nature: 'DE', matieres: [3, 2], objet,
      document: { data: writeTextPdf([lines]), pieceType: '99_DE' },
    });
    const res = await postArchive(gateway.baseUrl, data);
    expect(res.status).toBe(202);
    return ((await res.json()) as { acts: { id: string }[] }).acts[0].id;
  };
  const publicView = async (id: string) => (await (await fetch(`${gateway.baseUrl}/api/v1/acts/${id}`)).json()) as { status: string; objet: string | null };
  const csv = async () => (await (await fetch(`${gateway.baseUrl}/api/v1/datasets/deliberations.csv?siren=${siren}`)).text());
  const review = (id: string, decision: string) =>
    fetch(`${gateway.baseUrl}/api/v1/acts/${id}/review`, {
      method: 'POST',
      headers: sessionHeaders(reviewer, { 'content-type': 'application/json' }),
      body: JSON.stringify({ decision, comment: 'vérifié' }),
    });

  const session = ['Commune de Saint-Test', 'Séance du conseil municipal du 5 mars 2026', 'Présents : M. Paul LE GALL, maire, Mme Anne TANGUY, adjointe.'];

  it('publishes a sale to a private buyer with the buyer replaced everywhere', async () => {
    const id = await send('ANON_SALE_1', 'Cession de la parcelle cadastrée section AB n° 123 à M. Jean-Yves KERBRAT', [
      ...session,
      'Le conseil municipal décide de céder la parcelle AB 123 à M. Jean-Yves KERBRAT, demeurant 12 rue des Lilas,',
      'joignable au 06 39 98 12 34 ou jean-yves.kerbrat@example.com, pour 15 000 euros,',
      'né le 12/05/1985, NIR 1 85 05 78 006 084 91, payés sur le compte FR76 3000 6000 0112 3456 7890 189.',
      'Adopté à l’unanimité.',
      'Le Maire, Paul LE GALL',
    ]);
    await eventually(() => publicView(id), (a) => a.status === 'published');
    const file = await csv();
    const row = parseCsv(file).find((r) => r[2] === 'ANON_SALE_1');
    expect(row?.[6]).toBe('Cession de la parcelle cadastrée section [Parcelle 1] à M. [Personne 1]');
    for (const canary of ['KERBRAT', 'Jean-Yves', 'Lilas', '06 39 98 12 34', 'example.com', '006 084 91', '0112 3456 7890']) {
      expect(file).not.toContain(canary);
      expect(JSON.stringify(await publicView(id))).not.toContain(canary);
    }
    const [main] = await stores.dataSource.query(`SELECT pseudonymised_text FROM document WHERE act_id = $1 AND role = 'main'`, [id]) as { pseudonymised_text: string }[];
    expect(main.pseudonymised_text).toContain('[Personne 1]');
    expect(main.pseudonymised_text).toContain('Paul LE GALL');
    expect(main.pseudonymised_text).not.toContain('KERBRAT');
    expect(main.pseudonymised_text).not.toMatch(/006 084 91|0112 3456 7890/);
  });

  it('holds a scan without a usable text layer for review (needs_ocr)', async () => {
    const { data } = writeActeArchive({
      siren, departement: '035', date: '2026-03-05', numeroInterne: 'ANON_SCAN_1', nature: 'DE', matieres: [5, 2], objet: 'Désignation des délégués',
      document: { data: writeTextPdf([[], []]), pieceType: '99_DE' },
    });
    const { acts } = (await (await postArchive(gateway.baseUrl, data)).json()) as { acts: { id: string }[] };
    await eventually(() => publicView(acts[0].id), (a) => a.status === 'held_for_review');
    const held = (await stores.audit.forSubject('act', acts[0].id)).find((e) => e.action === 'act.held_for_review');
    expect(held?.details.reasons).toEqual(expect.arrayContaining(['needs_ocr']));
  });

  it('holds an act with a sensitive matter for review, and publishes it only once approved', async () => {
    const id = await send('ANON_REVIEW_1', 'Procédure disciplinaire', [
      ...session,
      'Le conseil prend acte de la sanction disciplinaire de licenciement prononcée contre un agent.',
      'Adopté à l’unanimité.',
    ]);
    await eventually(() => publicView(id), (a) => a.status === 'held_for_review');
    expect(parseCsv(await csv()).some((r) => r[2] === 'ANON_REVIEW_1')).toBe(false);

    const approved = await review(id, 'approve');
    expect(approved.status).toBe(202);
    await eventually(() => publicView(id), (a) => a.status === 'published');
    expect(parseCsv(await csv()).some((r) => r[2] === 'ANON_REVIEW_1')).toBe(true);
    const steps = await stores.audit.forSubject('act', id);
    expect(steps.map((s) => s.action)).toEqual(expect.arrayContaining(['act.anonymised', 'act.held_for_review', 'act.review_approve', 'act.published']));
  });

  it('never publishes an act the reviewer withholds', async () => {
    const id = await send('ANON_REVIEW_2', 'Aide sociale exceptionnelle', [
      ...session,
      'Le conseil accorde une aide sociale au titre du RSA à une famille en situation de surendettement.',
      'Adopté à l’unanimité.',
    ]);
    await eventually(() => publicView(id), (a) => a.status === 'held_for_review');
    expect((await review(id, 'withhold')).status).toBe(202);
    await eventually(() => publicView(id), (a) => a.status === 'withdrawn');
    expect(parseCsv(await csv()).some((r) => r[2] === 'ANON_REVIEW_2')).toBe(false);
    expect((await review(id, 'approve')).status).toBe(409);
  });
});
