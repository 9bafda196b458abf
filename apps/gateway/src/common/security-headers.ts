import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Open data that reusers fetch from their own sites: readable cross-origin. */
const OPEN_DATA_ROUTES = /^\/(?:api\/v1\/datasets(?:[/?.]|$)|catalog\.)/;
const API_DOCS = /^\/api\/docs(?:[/?-]|$)/;

/** The API answers JSON and CSV: nothing to run, nothing to frame. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/**
 * The Swagger UI page loads its scripts and styles from /api/docs itself; its
 * HTML carries one inline <style> (no inline script), and its CSS inline SVGs as data: URLs.
 */
export const API_DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** Headers on every response (no dependency: a handful of fixed values). */
export function securityHeaders(options: { publicBaseUrl: string }): RequestHandler {
  const https = options.publicBaseUrl.startsWith('https:');
  return (req: Request, res: Response, next: NextFunction) => {
    res.removeHeader('X-Powered-By');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Content-Security-Policy', API_DOCS.test(req.path) ? API_DOCS_CSP : API_CSP);
    if (https) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
    if (OPEN_DATA_ROUTES.test(req.path) && (req.method === 'GET' || req.method === 'HEAD')) {
      res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Expose-Headers', 'Content-Disposition, Link, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After');
    } else {
      res.setHeader('Cross-Origin-Resource-Policy', 'same-site');
    }
    next();
  };
}
