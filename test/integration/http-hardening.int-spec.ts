import { randomUUID } from 'node:crypto';
import { ActStore, AuditLog, TenantStore } from '@openactes/persistence';
import { API_DOCS_CSP } from '../../apps/gateway/src/common/security-headers';
import { openStores, startGateway, testConfig, TEST_PLATFORM_TOKEN, type RunningGateway } from '../support/harness';

/** What every answer of the gateway carries, what it refuses, and what it never says. */
describe('HTTP hardening of the gateway', () => {
  let stores: Awaited<ReturnType<typeof openStores>>;
  let plain: RunningGateway;
  let limited: RunningGateway;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    const config = testConfig();
    stores = await openStores(config);
    plain = await startGateway(config);
    limited = await startGateway(
      testConfig({ PUBLIC_BASE_URL: 'https://actes.example.org', RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_ANON_PER_MINUTE: '2' }),
    );
  });

  afterAll(async () => {
    await limited?.stop();
    await plain?.stop();
    await stores?.dataSource.destroy();
  });

  describe('security headers', () => {
    it('sets them on API answers, errors included, and never says what runs behind', async () => {
      for (const res of [await fetch(`${plain.baseUrl}/health`), await fetch(`${plain.baseUrl}/api/v1/acts/${randomUUID()}`)]) {
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('referrer-policy')).toBe('no-referrer');
        expect(res.headers.get('x-frame-options')).toBe('DENY');
        expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none';.*frame-ancestors 'none'/);
        expect(res.headers.get('cross-origin-resource-policy')).toBe('same-site');
        expect(res.headers.get('access-control-allow-origin')).toBeNull();
        expect(res.headers.get('x-powered-by')).toBeNull();
        expect(res.headers.get('strict-transport-security')).toBeNull(); // PUBLIC_BASE_URL is http here
      }
    });

    it('lets reusers read the datasets cross-origin (GET only)', async () => {
      const res = await fetch(`${plain.baseUrl}/api/v1/datasets/deliberations.csv`, { headers: { origin: 'https://reuser.example' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const post = await fetch(`${plain.baseUrl}/api/v1/datasets/deliberations.csv`, { method: 'POST' });
      expect(post.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('sends HSTS only when the public URL is https', async () => {
      const res = await fetch(`${limited.baseUrl}/health`);
      expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000');
    });

    it('keeps the Swagger UI working under its policy: external same-origin scripts only, its inline style allowed', async () => {
      const page = await fetch(`${plain.baseUrl}/api/docs`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toBe(API_DOCS_CSP);
      const html = await page.text();
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, inline] of scripts) {
        expect(inline.trim()).toBe(''); // script-src 'self' refuses inline code
        const src = /src=['"]([^'"]+)['"]/.exec(attributes)?.[1];
        expect(src).toBeDefined();
        expect(src).not.toMatch(/^(?:https?:)?\/\//); // same origin
        const script = await fetch(new URL(src!, `${plain.baseUrl}/api/docs/`));
        expect(script.status).toBe(200);
        expect(script.headers.get('content-type')).toMatch(/javascript/);
      }
      expect(html).toMatch(/<style>/);
      expect(API_DOCS_CSP).toMatch(/style-src 'self' 'unsafe-inline'/);
      const stylesheets = [...html.matchAll(/<link[^>]+rel=["']stylesheet["'][^>]*>/g)].map((m) => /href=['"]([^'"]+)['"]/.exec(m[0])?.[1]);
      for (const href of stylesheets) expect((await fetch(new URL(href!, `${plain.baseUrl}/api/docs/`))).status).toBe(200);
    });
  });

  describe('size limits', () => {
    it('refuses a JSON body over 1 MB and malformed JSON with coded errors, not an HTML page', async () => {
      const url = `${plain.baseUrl}/api/v1/acts/${randomUUID()}/review`;
      const headers = { ...bearer(TEST_PLATFORM_TOKEN), 'content-type': 'application/json' };
      const big = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ decision: 'approve', comment: 'x'.repeat(1_100_000) }) });
      expect(big.status).toBe(413);
      expect(await big.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
      const malformed = await fetch(url, { method: 'POST', headers, body: '{"decision": ' });
      expect(malformed.status).toBe(400);
      expect(malformed.headers.get('content-type')).toMatch(/application\/json/);
      const body = await malformed.text();
      expect(JSON.parse(body)).toEqual({ code: 'VALIDATION_FAILED', message: 'The body is not valid JSON' });
      expect(body).not.toMatch(/\bat \S+ \(|node_modules/);
    });

    it('bounds the request line and headers (Node refuses over 16 KiB with 431)', async () => {
      const res = await fetch(`${plain.baseUrl}/api/v1/datasets/deliberations.csv?siren=${'1'.repeat(20_000)}`);
      expect(res.status).toBe(431);
    });
  });

  describe('rate limiting', () => {
    const someAct = () => `${limited.baseUrl}/api/v1/acts/${randomUUID()}`;

    it('answers 429 RATE_LIMITED with Retry-After once a token spends its minute, without touching other tokens', async () => {
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 4; i++) {
        last = await fetch(someAct(), { headers: bearer(TEST_PLATFORM_TOKEN) });
        statuses.push(last.status);
        if (i === 0) expect(last.headers.get('ratelimit-remaining')).toBe('2');
      }
      expect(statuses).toEqual([404, 404, 404, 429]);
      const retryAfter = Number(last!.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(last!.headers.get('ratelimit-limit')).toBe('3');
      expect(last!.headers.get('ratelimit-remaining')).toBe('0');
      expect(last!.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await last!.json()).toEqual({
        code: 'RATE_LIMITED',
        message: expect.stringMatching(/at most 3 a minute/),
        details: { limitPerMinute: 3, retryAfterSeconds: retryAfter },
      });

      const tenants = new TenantStore(stores.dataSource, new AuditLog(stores.dataSource));
      const other = await tenants.createToken({ platform: `rate-${randomUUID().slice(0, 8)}`, sirens: ['213509821'] }, 'test');
      const res = await fetch(someAct(), { headers: bearer(other.token) });
      expect(res.status).toBe(404);
      expect(res.headers.get('ratelimit-remaining')).toBe('2');
    });

    it('limits anonymous clients by address, and counts refused tokens against the address', async () => {
      const csv = `${limited.baseUrl}/api/v1/datasets/deliberations.csv`;
      expect([(await fetch(csv)).status, (await fetch(csv)).status, (await fetch(csv)).status]).toEqual([200, 200, 429]);

      const guesses: number[] = [];
      for (let i = 0; i < 4; i++) guesses.push((await fetch(someAct(), { headers: bearer(`oa_guess-${randomUUID()}`) })).status);
      expect(guesses).toEqual([401, 401, 429, 429]);
    });

    it('never limits /health', async () => {
      const statuses = new Set<number>();
      for (let i = 0; i < 8; i++) statuses.add((await fetch(`${limited.baseUrl}/health`)).status);
      expect(statuses.has(429)).toBe(false);
    });

    it('is off when the limits are 0', async () => {
      const statuses = new Set<number>();
      for (let i = 0; i < 8; i++) statuses.add((await fetch(`${plain.baseUrl}/api/v1/datasets/deliberations.csv`)).status);
      expect([...statuses]).toEqual([200]);
    });
  });

  it('answers an unexpected failure with a generic message and an error id, never the error itself', async () => {
    const acts = plain.app.get(ActStore);
    const fault = jest.spyOn(acts, 'get').mockRejectedValueOnce(new TypeError("Cannot read properties of undefined (reading 'Jeanne Martin')"));
    try {
      const res = await fetch(`${plain.baseUrl}/api/v1/acts/${randomUUID()}`);
      expect(res.status).toBe(500);
      const text = await res.text();
      const body = JSON.parse(text) as { code: string; message: string; details: { errorId: string } };
      expect(body).toEqual({ code: 'INTERNAL_ERROR', message: 'An unexpected error occurred; it has been logged.', details: { errorId: expect.any(String) } });
      expect(body.details.errorId).toMatch(/^[0-9a-f-]{36}$/);
      expect(text).not.toMatch(/Jeanne|TypeError|\bat \S+/);
      expect(fault).toHaveBeenCalledTimes(1);
    } finally {
      fault.mockRestore();
    }
  });
});
