import fs from 'node:fs';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';
import { chromium, type Browser, type Page } from 'playwright-core';
import { writeActeArchive, writeTextPdf } from '@openactes/formats';
import { AuditLog, UserStore } from '@openactes/persistence';
import { findChromium, NO_CHROMIUM_HELP } from '../../infra/src/chromium';
import { eventually, openStores, postArchive, registerCollectivities, startGateway, startWorker, testConfig, type RunningGateway, type RunningWorker } from '../support/harness';

/**
 * The supervision console in a real browser (Debian's Chromium driven by playwright-core),
 * served by the gateway from apps/console/dist, against the real pipeline: an administrator
 * retries a failed act until it is published, a reviewer approves a held act with an added
 * redaction, a clerk sees only their collectivity.
 */
describe('supervision console (browser)', () => {
  const config = testConfig({ TEMPORAL_UI_URL: 'http://localhost:8233' });
  const sirenA = '213502388';
  const sirenB = '213500713';
  const password = 'console-e2e-passphrase-2026';
  const screenshots = path.resolve(__dirname, '../../docs/screenshots');
  const failOnce = new Set<string>();
  let stores: Awaited<ReturnType<typeof openStores>>;
  let gateway: RunningGateway;
  let worker: RunningWorker;
  let browser: Browser;
  const ids: Record<string, string> = {};

  const preamble = [
    'Vu le code général des collectivités territoriales, et notamment ses articles L2121-29 et suivants,',
    'Vu la délibération du conseil municipal fixant les conditions de publication des actes de la commune,',
    'Considérant la nécessité de statuer sur la présente affaire inscrite à l’ordre du jour de la séance,',
  ];
  const send = async (siren: string, numeroInterne: string, objet: string, lines: string[]) => {
    const pdf = writeTextPdf([[`Commune ${siren}`, 'Séance du conseil municipal du 5 mars 2026', ...preamble, ...lines]]);
    const { data } = writeActeArchive({ siren, departement: '035', date: '2026-03-05', numeroInterne, nature: 'DE', matieres: [3, 2], objet, document: { data: pdf, pieceType: '99_DE' } });
    const res = await postArchive(gateway.baseUrl, data);
    expect(res.status).toBe(202);
    return ((await res.json()) as { acts: { id: string }[] }).acts[0].id;
  };
  const status = async (id: string) => ((await stores.dataSource.query('SELECT status FROM act WHERE id = $1', [id])) as { status: string }[])[0]?.status;

  beforeAll(async () => {
    const executablePath = findChromium();
    if (!executablePath) throw new Error(NO_CHROMIUM_HELP);
    stores = await openStores(config);
    await registerCollectivities(stores.dataSource, [sirenA, sirenB]);
    const users = new UserStore(stores.dataSource, new AuditLog(stores.dataSource));
    for (const [username, role, sirens] of [
      ['e2e.admin', 'admin', []],
      ['e2e.relecteur', 'reviewer', []],
      ['e2e.agent', 'clerk', [sirenA]],
    ] as const) {
      if (!(await users.findByUsername(username))) await users.create({ username, displayName: username, role, sirens: [...sirens], password }, 'test');
    }
    gateway = await startGateway(config);
    // A failure a retry cures: the first text extraction of the marked act fails with a coded, non-retryable error.
    worker = await startWorker(config, stores.dataSource, (a) => ({
      ...a,
      extractActText: async (ref) => {
        if (failOnce.delete((await stores.acts.get(ref.actId)).numeroInterne)) throw ApplicationFailure.nonRetryable('The PDF could not be read (simulated once)', 'UNREADABLE_PDF');
        return a.extractActText(ref);
      },
    }));
    browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });

    failOnce.add('E2E_ECHEC_1');
    ids.failed = await send(sirenA, 'E2E_ECHEC_1', 'Tarifs de la cantine scolaire', ['Le conseil fixe les tarifs de la cantine scolaire pour l’année 2026-2027.', 'Adopté à l’unanimité.']);
    ids.held = await send(sirenA, 'E2E_RELECTURE_1', 'Remerciements', [
      'Le conseil prend acte de la sanction disciplinaire de licenciement prononcée contre un agent.',
      'Le conseil remercie Youenn Le Floc’h pour son aide. Youenn Le Floc’h sera invité.',
      'Adopté à l’unanimité.',
    ]);
    ids.published = await send(sirenA, 'E2E_VOIRIE_1', 'Travaux de voirie rue des Lilas', ['Le conseil approuve les travaux de voirie de la rue des Lilas.', 'Adopté à l’unanimité.']);
    ids.otherCommune = await send(sirenB, 'E2E_B_1', 'Subvention au comité des fêtes', ['Le conseil attribue une subvention de 800 euros au comité des fêtes.', 'Adopté à l’unanimité.']);
    await eventually(() => status(ids.failed), (s) => s === 'failed');
    await eventually(() => status(ids.held), (s) => s === 'held_for_review');
    await eventually(() => Promise.all([status(ids.published), status(ids.otherCommune)]), (s) => s.every((x) => x === 'published'));
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
    await gateway?.stop();
    await stores?.dataSource.destroy();
  });

  const open = async (): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    return context.newPage();
  };
  const login = async (page: Page, username: string) => {
    await page.goto(`${gateway.baseUrl}/console/`);
    await page.getByLabel('Identifiant').fill(username);
    await page.getByLabel('Mot de passe').fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
  };
  const badge = (page: Page) => page.locator('h1 .badge');

  it('serves the built console with its own CSP and cacheable hashed assets', async () => {
    const index = await fetch(`${gateway.baseUrl}/console/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await index.text();
    expect(html).toContain('<html lang="fr">');
    const asset = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)![1];
    const js = await fetch(`${gateway.baseUrl}${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${gateway.baseUrl}/console/actes/quelque-chose`)).headers.get('content-type')).toContain('text/html');
    expect((await fetch(`${gateway.baseUrl}/console/assets/absent-123.js`)).status).toBe(404);
    expect(await (await fetch(`${gateway.baseUrl}/api/v1/console/config`)).json()).toEqual({ temporalUiUrl: 'http://localhost:8233', namespace: 'default' });
  });

  it('refuses a wrong password in French, and logs in with the keyboard only', async () => {
    const page = await open();
    await page.goto(`${gateway.baseUrl}/console/`);
    await page.getByLabel('Identifiant').fill('e2e.admin');
    await page.getByLabel('Mot de passe').fill('not-the-password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Identifiant ou mot de passe incorrect');
    expect(await page.getByRole('link', { name: 'Se connecter avec le fournisseur d’identité' }).getAttribute('href')).toBe('/api/v1/session/oidc');

    await page.getByLabel('Identifiant').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
    await page.context().close();
  });

  it('as administrator: sees the failed act on the dashboard, retries it and watches it become published', async () => {
    const page = await open();
    await login(page, 'e2e.admin');
    expect(Number(await page.getByTestId('total-failed').textContent())).toBeGreaterThanOrEqual(1);
    expect(await page.getByRole('row', { name: /Commune 213500713/ }).count()).toBe(1);
    await page.screenshot({ path: path.join(screenshots, 'console-dashboard.png'), fullPage: true });

    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Échecs' }).click();
    const row = page.locator(`tr[data-act-id="${ids.failed}"]`);
    expect(await row.textContent()).toContain('UNREADABLE_PDF');
    await row.getByRole('link', { name: 'E2E_ECHEC_1' }).click();
    await page.getByRole('heading', { name: 'Échec du traitement' }).waitFor();
    expect(await badge(page).textContent()).toBe('En échec');

    await page.getByRole('button', { name: 'Relancer le traitement' }).click();
    await page.locator('h1 .badge[data-status="published"]').waitFor({ timeout: 30_000 });
    expect(await status(ids.failed)).toBe('published');
    const timeline = await page.locator('.timeline').textContent();
    expect(timeline).toContain('act.retry_requested');
    expect(timeline).toContain('user:e2e.admin');
    const temporalLink = page.getByRole('link', { name: /Voir le workflow dans Temporal UI/ });
    expect(await temporalLink.getAttribute('href')).toBe(`http://localhost:8233/namespaces/default/workflows/act-${sirenA}-20260305-E2E_ECHEC_1-DE`);

    // A per-file publication toggle: turned off, the published file is no longer served.
    const before = (await (await fetch(`${gateway.baseUrl}/api/v1/acts/${ids.otherCommune}`)).json()) as { publishedDocuments: { url: string }[] };
    expect((await fetch(`${gateway.baseUrl}${before.publishedDocuments[0].url}`)).status).toBe(200);
    await page.goto(`${gateway.baseUrl}/console/#/actes/${ids.otherCommune}`);
    const toggle = page.getByRole('checkbox', { name: /^Publier/ });
    expect(await toggle.isChecked()).toBe(true);
    await toggle.uncheck();
    await page.getByRole('status').filter({ hasText: 'ne sera pas publié' }).waitFor();
    expect((await fetch(`${gateway.baseUrl}${before.publishedDocuments[0].url}`)).status).toBe(404);
    const toggled = (await stores.audit.forSubject('act', ids.otherCommune)).find((e) => e.action === 'document.publication_toggled');
    expect(toggled).toMatchObject({ actor: 'user:e2e.admin', details: { publish: false, unpublished: true } });
    await page.context().close();
  }, 60_000);

  it('as reviewer: approves a held act with an added redaction, and the published text has lost the name', async () => {
    const page = await open();
    await login(page, 'e2e.relecteur');
    await page.getByRole('link', { name: 'File de relecture' }).click();
    await page.locator(`tr[data-act-id="${ids.held}"]`).getByRole('link', { name: /Relire/ }).click();
    await page.getByRole('heading', { name: 'Relecture', exact: true }).waitFor();

    await page.getByLabel('Passage à occulter').fill('Youenn Le Floc’h');
    await page.getByLabel('Catégorie').selectOption('PERSON');
    await page.getByRole('button', { name: 'Occulter ce passage' }).click();
    expect(await page.locator('.corrections li').textContent()).toContain('Occulter « Youenn Le Floc’h »');
    expect(await page.locator('.document-text .is-added').first().textContent()).toBe('Youenn Le Floc’h');
    await page.getByLabel('Commentaire (facultatif)').fill('Nom du bénévole ajouté');
    await page.getByRole('button', { name: 'Approuver et publier' }).click();
    await page.locator('h1 .badge[data-status="published"]').waitFor({ timeout: 30_000 });

    const [main] = (await stores.dataSource.query(`SELECT pseudonymised_text FROM document WHERE act_id = $1 AND role = 'main'`, [ids.held])) as { pseudonymised_text: string }[];
    expect(main.pseudonymised_text).not.toContain('Floc’h');
    expect(main.pseudonymised_text).toContain('Le conseil remercie [Personne');
    const review = (await stores.audit.forSubject('act', ids.held)).find((e) => e.action === 'act.review_approve');
    expect(review?.actor).toBe('user:e2e.relecteur');

    // The published act page: the redactions, the added one included, are highlighted.
    await page.getByRole('heading', { name: 'Texte et occultations' }).waitFor();
    expect(await page.locator('.document-text mark.is-redacted', { hasText: 'Youenn Le Floc’h' }).count()).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: path.join(screenshots, 'console-act.png'), fullPage: true });
    await page.context().close();
  }, 60_000);

  it('as clerk of one collectivity: sees only its acts, and "accès refusé" for another collectivity\'s act', async () => {
    const page = await open();
    await login(page, 'e2e.agent');
    expect(await page.getByRole('link', { name: 'Échecs' }).count()).toBe(0);
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Actes' }).click();
    await page.locator('.acts-table').waitFor();
    const sirens = await Promise.all((await page.locator('tr[data-siren]').all()).map((row) => row.getAttribute('data-siren')));
    expect(sirens.length).toBeGreaterThanOrEqual(3);
    expect(new Set(sirens)).toEqual(new Set([sirenA]));
    expect(await page.locator(`tr[data-act-id="${ids.otherCommune}"]`).count()).toBe(0);

    await page.goto(`${gateway.baseUrl}/console/#/actes/${ids.otherCommune}`);
    await page.getByRole('heading', { name: 'Accès refusé' }).waitFor();
    await page.goto(`${gateway.baseUrl}/console/#/echecs`);
    await page.getByRole('heading', { name: 'Accès refusé' }).waitFor();
    await page.context().close();
  }, 60_000);

  it('wrote the screenshots the README shows', () => {
    for (const name of ['console-dashboard.png', 'console-act.png']) {
      const png = fs.readFileSync(path.join(screenshots, name));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.length).toBeGreaterThan(10_000);
    }
  });
});
