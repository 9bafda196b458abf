const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Where we may POST a reuser's events: https only, except a loopback http URL
 * outside production (local development and tests). No credentials in the URL:
 * the signature authenticates us, and the URL is shown back in the API.
 * Returns the problem, or null when the URL is acceptable.
 */
export function webhookUrlProblem(raw: string, production: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'url must be an absolute URL';
  }
  if (url.username || url.password) return 'url must not carry credentials';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && !production && LOOPBACK_HOSTS.has(url.hostname)) return null;
  return production ? 'url must use https' : 'url must use https (http only for localhost or 127.0.0.1 outside production)';
}
