import { createHash, createPublicKey, randomBytes, verify as verifySignature, type JsonWebKey } from 'node:crypto';
import { CodedError } from '@openactes/domain';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

/** What the login must remember between the redirect and the callback (kept sealed in a short-lived cookie). */
export interface OidcPending {
  state: string;
  nonce: string;
  verifier: string;
  expiresAt: number;
}

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

const ALGORITHMS: Record<string, string> = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' };
const CLOCK_SKEW_S = 60;

/**
 * A minimal OpenID Connect relying party (authorization code + PKCE S256, state, nonce),
 * over Node's fetch and crypto: discovery, ID token signature through the provider's JWKS,
 * then iss, aud, exp and nonce.
 */
export class OidcClient {
  private discovery: Promise<Discovery> | null = null;

  constructor(private readonly settings: OidcSettings) {}

  async authorizationUrl(): Promise<{ url: string; pending: OidcPending }> {
    const d = await this.discover();
    const pending = { state: random(), nonce: random(), verifier: random(48), expiresAt: Date.now() + 10 * 60_000 };
    const url = new URL(d.authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.settings.clientId,
      redirect_uri: this.settings.redirectUri,
      scope: 'openid profile',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: createHash('sha256').update(pending.verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    return { url: url.toString(), pending };
  }

  /** Exchanges the code, verifies the ID token and returns its claims. */
  async callback(query: { code?: string; state?: string; error?: string }, pending: OidcPending | null): Promise<Record<string, unknown>> {
    if (query.error) throw new CodedError('UNAUTHENTICATED', 'The identity provider refused the login', { error: String(query.error).slice(0, 100) });
    if (!pending || pending.expiresAt < Date.now() || !query.state || query.state !== pending.state || !query.code) {
      throw new CodedError('UNAUTHENTICATED', 'This login answer does not match a login started here (state), or came too late');
    }
    const d = await this.discover();
    const response = await fetch(d.token_endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(this.settings.clientId)}:${encodeURIComponent(this.settings.clientSecret)}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: query.code, redirect_uri: this.settings.redirectUri, code_verifier: pending.verifier }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new CodedError('UNAUTHENTICATED', 'The identity provider refused the code', { status: response.status });
    const tokens = (await response.json()) as { id_token?: unknown };
    if (typeof tokens.id_token !== 'string') throw new CodedError('UNAUTHENTICATED', 'The identity provider sent no ID token');
    return this.verifyIdToken(tokens.id_token, pending.nonce, d);
  }

  private async verifyIdToken(jwt: string, nonce: string, d: Discovery): Promise<Record<string, unknown>> {
    const parts = jwt.split('.');
    if (parts.length !== 3) throw invalid('not a JWS');
    const [header, claims] = parts.slice(0, 2).map((p) => JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>);
    const hash = ALGORITHMS[String(header.alg)];
    if (!hash) throw invalid(`algorithm ${String(header.alg)} not accepted`);
    const key = await this.key(d, typeof header.kid === 'string' ? header.kid : undefined);
    const signed = verifySignature(hash, Buffer.from(`${parts[0]}.${parts[1]}`), createPublicKey({ key: key as JsonWebKey, format: 'jwk' }), Buffer.from(parts[2], 'base64url'));
    if (!signed) throw invalid('bad signature');
    const now = Math.floor(Date.now() / 1000);
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (claims.iss !== d.issuer) throw invalid('issuer');
    if (!audiences.includes(this.settings.clientId)) throw invalid('audience');
    if (typeof claims.exp !== 'number' || claims.exp + CLOCK_SKEW_S < now) throw invalid('expired');
    if (claims.nonce !== nonce) throw invalid('nonce');
    if (typeof claims.sub !== 'string' || !claims.sub) throw invalid('no subject');
    return claims;
  }

  private async key(d: Discovery, kid: string | undefined): Promise<Record<string, unknown>> {
    const jwks = (await getJson(d.jwks_uri)) as { keys?: Record<string, unknown>[] };
    const key = (jwks.keys ?? []).find((k) => k.kty === 'RSA' && (kid === undefined || k.kid === kid) && (k.use === undefined || k.use === 'sig'));
    if (!key) throw invalid('no matching key in the provider\'s JWKS');
    return key;
  }

  private discover(): Promise<Discovery> {
    this.discovery ??= getJson(`${this.settings.issuer}/.well-known/openid-configuration`).then((raw) => {
      const d = raw as Partial<Discovery>;
      if (!d.issuer || !d.authorization_endpoint || !d.token_endpoint || !d.jwks_uri) throw new CodedError('SERVICE_UNAVAILABLE', 'The identity provider\'s discovery document is incomplete');
      if (d.issuer.replace(/\/+$/, '') !== this.settings.issuer) throw new CodedError('SERVICE_UNAVAILABLE', 'The identity provider names another issuer');
      return d as Discovery;
    });
    return this.discovery.catch((err: unknown) => {
      this.discovery = null;
      throw err;
    });
  }
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) }).catch(() => null);
  if (!response?.ok) throw new CodedError('SERVICE_UNAVAILABLE', 'The identity provider does not answer', { status: response?.status ?? null });
  return response.json();
}

function random(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

function invalid(why: string): CodedError {
  return new CodedError('UNAUTHENTICATED', `The ID token is not valid (${why})`);
}
