import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'oa_session';

/** The session token of the request's cookie, if any. */
export function sessionCookie(req: Request): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) {
      const value = rest.join('=');
      return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : null;
    }
  }
  return null;
}

/** HttpOnly, SameSite=Lax, Path=/, Secure when the public URL is https; the browser forgets it at the absolute end. */
export function setSessionCookie(res: Response, token: string, expiresAt: Date, secure: boolean): void {
  res.append('Set-Cookie', `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}; Expires=${expiresAt.toUTCString()}`);
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.append('Set-Cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}; Max-Age=0`);
}
