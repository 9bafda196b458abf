import { Readable } from 'node:stream';
import { runCli } from '@openactes/cli';
import { AuditLog, UserStore } from '@openactes/persistence';
import { startFakeOidcProvider, type FakeOidcProvider } from '../support/fake-oidc-provider';
import { eventually, loginAs, openStores, sessionHeaders, startGateway, testConfig, type RunningGateway } from '../support/harness';

const json = { 'content-type': 'application/json' };
const cookieOf = (res: Response) => /oa_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0] ?? null;

/** Local accounts, the session cookie, CSRF, expiry, logout, throttling and OpenID Connect login against a fake provider. */
describe('console sessions', () => {
  let stores: Awaited<ReturnType<typeof openStores>>;
  let gateway: RunningGateway;
  let users: UserStore;

  beforeAll(async () => {
    stores = await openStores(testConfig());
    users = new UserStore(stores.dataSource, new AuditLog(stores.dataSource));
    gateway = await startGateway(testConfig());
  });

  afterAll(async () => {
    await gateway?.stop();
    await stores?.dataSource.destroy();
  });

  const login = (baseUrl: string, username: string, password: string, cookie?: string) =>
    fetch(`${baseUrl}/api/v1/session`, { method: 'POST', headers: { ...json, ...(cookie ? { cookie } : {}) }, body: JSON.stringify({ username, password }) });

  it('logs in with an argon2id-hashed password, sets a hardened cookie, and answers the user with its CSRF token', async () => {
    const created = await users.create({ username: 'anne.clerk', role: 'clerk', sirens: ['213502388'], password: 'correct horse battery', displayName: 'Anne' }, 'test');
    const [{ password_hash: hash }] = (await stores.dataSource.query(`SELECT password_hash FROM app_user WHERE id = $1`, [created.id])) as { password_hash: string }[];
    expect(hash).toMatch(/^\$argon2id\$/);

    const res = await login(gateway.baseUrl, 'Anne.Clerk', 'correct horse battery');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user: Record<string, unknown>; csrfToken: string };
    expect(body.user).toEqual({ id: created.id, username: 'anne.clerk', displayName: 'Anne', role: 'clerk', sirens: ['213502388'] });
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(24);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^oa_session=[\w-]{40,}; Path=\/; HttpOnly; SameSite=Lax; Expires=/);
    expect(setCookie).not.toMatch(/Secure/);
    // Only the SHA-256 of the cookie's token is stored.
    const token = cookieOf(res)!.split('=')[1];
    const [stored] = (await stores.dataSource.query(`SELECT id FROM app_session WHERE user_id = $1`, [created.id])) as { id: string }[];
    expect(stored.id).not.toBe(token);
    expect(stored.id).toMatch(/^[0-9a-f]{64}$/);

    const me = await fetch(`${gateway.baseUrl}/api/v1/session`, { headers: { cookie: cookieOf(res)! } });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual(body);

    const trail = await stores.audit.forSubject('user', created.id);
    expect(trail.map((e) => e.action)).toEqual(['user.created', 'session.login']);
    expect(JSON.stringify(trail)).not.toContain('correct horse');
  });

  it('refuses a wrong password or an unknown user alike (401 INVALID_CREDENTIALS), and GET without a session (401)', async () => {
    const wrong = await login(gateway.baseUrl, 'anne.clerk', 'not the password');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    const unknown = await login(gateway.baseUrl, 'nobody.here', 'whatever password');
    expect(await unknown.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(cookieOf(unknown)).toBeNull();
    const anonymous = await fetch(`${gateway.baseUrl}/api/v1/session`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('marks the cookie Secure when the public URL is https', async () => {
    const https = await startGateway(testConfig({ PUBLIC_BASE_URL: 'https://actes.example.org' }));
    try {
      await users.create({ username: 'secure.admin', role: 'admin', password: 'correct horse battery' }, 'test');
      const res = await login(https.baseUrl, 'secure.admin', 'correct horse battery');
      expect(res.headers.get('set-cookie')).toMatch(/; Secure;/);
    } finally {
      await https.stop();
    }
  });

  it('refuses a cookie-authenticated mutation without the CSRF token (403 CSRF_FAILED), accepts it with the token', async () => {
    const admin = await loginAs(gateway.baseUrl, stores.dataSource, 'admin');
    const body = JSON.stringify({ username: 'new.reviewer', displayName: 'Nouveau', role: 'reviewer', password: 'a long enough password' });
    const without = await fetch(`${gateway.baseUrl}/api/v1/users`, { method: 'POST', headers: { ...json, cookie: admin.cookie }, body });
    expect(without.status).toBe(403);
    expect(await without.json()).toMatchObject({ code: 'CSRF_FAILED' });
    const wrong = await fetch(`${gateway.baseUrl}/api/v1/users`, { method: 'POST', headers: { ...json, cookie: admin.cookie, 'x-csrf-token': `${admin.csrfToken}x` }, body });
    expect(wrong.status).toBe(403);
    const ok = await fetch(`${gateway.baseUrl}/api/v1/users`, { method: 'POST', headers: sessionHeaders(admin, json), body });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ username: 'new.reviewer', role: 'reviewer', active: true });
    expect(await users.findByUsername('new.reviewer')).not.toBeNull();
  });

  it('rotates the session on login and deletes it on logout', async () => {
    await users.create({ username: 'rotating.admin', role: 'admin', password: 'correct horse battery' }, 'test');
    const first = cookieOf(await login(gateway.baseUrl, 'rotating.admin', 'correct horse battery'))!;
    const second = cookieOf(await login(gateway.baseUrl, 'rotating.admin', 'correct horse battery', first))!;
    expect(second).not.toBe(first);
    expect((await fetch(`${gateway.baseUrl}/api/v1/session`, { headers: { cookie: first } })).status).toBe(401);
    const me = (await (await fetch(`${gateway.baseUrl}/api/v1/session`, { headers: { cookie: second } })).json()) as { csrfToken: string };
    const logout = await fetch(`${gateway.baseUrl}/api/v1/session`, { method: 'DELETE', headers: { cookie: second, 'x-csrf-token': me.csrfToken } });
    expect(logout.status).toBe(204);
    expect(logout.headers.get('set-cookie')).toMatch(/^oa_session=; .*Max-Age=0/);
    expect((await fetch(`${gateway.baseUrl}/api/v1/session`, { headers: { cookie: second } })).status).toBe(401);
  });

  it('ends a session idle longer than SESSION_IDLE', async () => {
    const short = await startGateway(testConfig({ SESSION_IDLE: '1s', SESSION_MAX: '1h' }));
    try {
      await users.create({ username: 'idle.reviewer', role: 'reviewer', password: 'correct horse battery' }, 'test');
      const cookie = cookieOf(await login(short.baseUrl, 'idle.reviewer', 'correct horse battery'))!;
      expect((await fetch(`${short.baseUrl}/api/v1/session`, { headers: { cookie } })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1500));
      const expired = await fetch(`${short.baseUrl}/api/v1/session`, { headers: { cookie } });
      expect(expired.status).toBe(401);
      // Public routes stay open to the visitor whose session expired.
      expect((await fetch(`${short.baseUrl}/api/v1/datasets`, { headers: { cookie } })).status).toBe(200);
    } finally {
      await short.stop();
    }
  });

  it('throttles a username after 5 failed attempts in 15 minutes (429 RATE_LIMITED), even with the right password', async () => {
    await users.create({ username: 'throttled.clerk', role: 'clerk', sirens: ['213502388'], password: 'correct horse battery' }, 'test');
    for (let i = 0; i < 5; i++) expect((await login(gateway.baseUrl, 'throttled.clerk', `wrong ${i} password`)).status).toBe(401);
    const blocked = await login(gateway.baseUrl, 'throttled.clerk', 'correct horse battery');
    expect(blocked.status).toBe(429);
    expect(await blocked.json()).toMatchObject({ code: 'RATE_LIMITED' });
    // Another account is not affected.
    await users.create({ username: 'other.clerk', role: 'clerk', sirens: ['213502388'], password: 'correct horse battery' }, 'test');
    expect((await login(gateway.baseUrl, 'other.clerk', 'correct horse battery')).status).toBe(200);
  });

  it('disabling an account ends its sessions and refuses its logins', async () => {
    const clerk = await loginAs(gateway.baseUrl, stores.dataSource, 'clerk', ['213502388']);
    const admin = await loginAs(gateway.baseUrl, stores.dataSource, 'admin');
    const res = await fetch(`${gateway.baseUrl}/api/v1/users/${clerk.userId}`, { method: 'PATCH', headers: sessionHeaders(admin, json), body: JSON.stringify({ active: false }) });
    expect(res.status).toBe(200);
    expect((await fetch(`${gateway.baseUrl}/api/v1/session`, { headers: { cookie: clerk.cookie } })).status).toBe(401);
    const trail = (await stores.audit.forSubject('user', clerk.userId)).map((e) => e.action);
    expect(trail).toEqual(['user.created', 'session.login', 'user.updated']);
  });

  it('creates, lists, re-passwords and disables accounts from the CLI, printing nothing secret', async () => {
    const run = async (args: string[], stdin?: string) => {
      const previous = { url: process.env.DATABASE_URL, stdin: Object.getOwnPropertyDescriptor(process, 'stdin')! };
      process.env.DATABASE_URL = testConfig().databaseUrl;
      if (stdin !== undefined) Object.defineProperty(process, 'stdin', { value: Readable.from([Buffer.from(stdin)]), configurable: true });
      const out: string[] = [];
      const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
      const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
      try {
        return { code: await runCli(args), out: out.join('') };
      } finally {
        stdout.mockRestore();
        stderr.mockRestore();
        Object.defineProperty(process, 'stdin', previous.stdin);
        process.env.DATABASE_URL = previous.url;
      }
    };
    const added = await run(['user', 'add', '--username', 'cli.clerk', '--role', 'clerk', '--siren', '213502388', '--display-name', 'Agent CLI', '--password-stdin'], 'first password 123\n');
    expect(added.code).toBe(0);
    expect(added.out).not.toContain('first password');
    expect((await login(gateway.baseUrl, 'cli.clerk', 'first password 123')).status).toBe(200);
    const listed = await run(['user', 'list']);
    expect(listed.out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { username: string; sirens: string[] })).toEqual(
      expect.arrayContaining([expect.objectContaining({ username: 'cli.clerk', sirens: ['213502388'] })]),
    );
    expect(listed.out).not.toMatch(/argon2/);
    expect((await run(['user', 'passwd', '--username', 'cli.clerk', '--password-stdin'], 'second password 456\n')).code).toBe(0);
    expect((await login(gateway.baseUrl, 'cli.clerk', 'first password 123')).status).toBe(401);
    expect((await login(gateway.baseUrl, 'cli.clerk', 'second password 456')).status).toBe(200);
    expect((await run(['user', 'disable', '--username', 'cli.clerk'])).code).toBe(0);
    expect((await login(gateway.baseUrl, 'cli.clerk', 'second password 456')).status).toBe(401);
    expect((await run(['user', 'add', '--username', 'x', '--role', 'mayor'])).code).toBe(2);
  });

  describe('OpenID Connect', () => {
    let provider: FakeOidcProvider;
    let oidcGateway: RunningGateway;
    const redirectUri = 'http://console.invalid/api/v1/session/oidc/callback';

    beforeAll(async () => {
      provider = await startFakeOidcProvider();
      oidcGateway = await startGateway(
        testConfig({ OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: provider.clientId, OIDC_CLIENT_SECRET: provider.clientSecret, OIDC_REDIRECT_URI: redirectUri, OIDC_ROLE_CLAIM: 'openactes_role' }),
      );
    });

    afterAll(async () => {
      await oidcGateway?.stop();
      await provider?.close();
    });

    /** The browser's round trip: our redirect, the provider's answer, our callback (on this gateway's real address). */
    const roundTrip = async () => {
      const start = await fetch(`${oidcGateway.baseUrl}/api/v1/session/oidc`, { redirect: 'manual' });
      expect(start.status).toBe(302);
      const authorize = new URL(start.headers.get('location')!);
      expect(authorize.origin).toBe(provider.issuer);
      expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
      const pendingCookie = /oa_oidc=[^;]+/.exec(start.headers.get('set-cookie') ?? '')![0];
      const answer = await fetch(authorize, { redirect: 'manual' });
      const back = new URL(answer.headers.get('location')!);
      return fetch(`${oidcGateway.baseUrl}${back.pathname}${back.search}`, { redirect: 'manual', headers: { cookie: pendingCookie } });
    };

    it('logs in the account linked to the subject, after checking the ID token, and redirects to the console', async () => {
      const linked = await users.create({ username: 'oidc.reviewer', role: 'reviewer', oidcSubject: 'sub-4242' }, 'test');
      provider.loginAs('sub-4242', { openactes_role: 'admin' });
      const callback = await roundTrip();
      expect(callback.status).toBe(302);
      expect(callback.headers.get('location')).toBe('/console/');
      const cookie = cookieOf(callback)!;
      const me = (await (await fetch(`${oidcGateway.baseUrl}/api/v1/session`, { headers: { cookie } })).json()) as { user: { id: string; role: string } };
      // The role claim overrides the account's role.
      expect(me.user).toMatchObject({ id: linked.id, role: 'admin' });
      expect(provider.tokenRequests.at(-1)!.get('code_verifier')).toMatch(/^[\w-]{43,}$/);
      const trail = await stores.audit.forSubject('user', linked.id);
      expect(trail.map((e) => e.action)).toEqual(['user.created', 'user.updated', 'session.login']);
      expect(trail[2].details).toMatchObject({ method: 'oidc' });
    });

    it('refuses a subject no administrator linked (no auto-provisioning), and a callback whose state was not issued here', async () => {
      provider.loginAs('sub-unknown');
      const refused = await roundTrip();
      expect(refused.status).toBe(403);
      expect(cookieOf(refused)).toBeNull();
      const forged = await fetch(`${oidcGateway.baseUrl}/api/v1/session/oidc/callback?code=abc&state=forged`, { redirect: 'manual' });
      expect(forged.status).toBe(401);
      await eventually(
        () => stores.audit.forSubject('oidc_subject', 'sub-unknown'),
        (events) => events.some((e) => e.action === 'session.login_failed'),
        5000,
      );
    });

    it('is off (404) when not configured', async () => {
      const res = await fetch(`${gateway.baseUrl}/api/v1/session/oidc`, { redirect: 'manual' });
      expect(res.status).toBe(404);
    });
  });
});
