import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CodedError } from '@openactes/domain';
import { UserStore } from '@openactes/persistence';
import { checkCsrf } from './csrf';
import { PlatformAuthenticator } from './platform-auth.guard';
import { NO_CSRF_KEY, OWN_AUTH_KEY, ROLES_KEY, type MaybeAuthenticatedRequest, type RequestPrincipal, type Role } from './roles';
import { sessionCookie } from './session-cookie';

/**
 * The one guard of every route (APP_GUARD): reads the route's declared roles, authenticates
 * the bearer platform token or the session cookie, checks CSRF for cookie-authenticated
 * mutations, and refuses whoever does not belong. A route without roles is a misconfiguration: 403.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly platforms: PlatformAuthenticator,
    private readonly users: UserStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!roles?.length) throw new CodedError('FORBIDDEN', 'This route declares no role: refused');
    const req = context.switchToHttp().getRequest<MaybeAuthenticatedRequest>();
    const ownAuthorization = this.reflector.getAllAndOverride<boolean>(OWN_AUTH_KEY, [context.getHandler(), context.getClass()]) === true;
    if (ownAuthorization && roles.includes('public')) return true;
    req.principal = await this.authenticate(req, roles, this.reflector.getAllAndOverride<boolean>(NO_CSRF_KEY, [context.getHandler(), context.getClass()]) === true);
    if (roles.includes('public')) return true;
    if (!req.principal) throw new CodedError('UNAUTHENTICATED', 'Log in, or send a bearer token (Authorization: Bearer <token>)');
    if (!roles.includes(req.principal.role)) throw new CodedError('FORBIDDEN', `This route is not open to the ${req.principal.role} role`, { role: req.principal.role });
    return true;
  }

  private async authenticate(req: MaybeAuthenticatedRequest, roles: Role[], noCsrf: boolean): Promise<RequestPrincipal | undefined> {
    if (req.headers.authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization);
      if (!match) throw new CodedError('UNAUTHENTICATED', 'A bearer token is required (Authorization: Bearer <token>)');
      return { ...(await this.platforms.authenticate(match[1])), role: 'platform' };
    }
    const token = sessionCookie(req);
    if (!token) return undefined;
    const session = await this.users.session(token);
    // An expired cookie on a public route is just an anonymous visitor.
    if (!session) {
      if (roles.includes('public')) return undefined;
      throw new CodedError('UNAUTHENTICATED', 'The session has expired: log in again');
    }
    if (!noCsrf) checkCsrf(req, session.csrfToken);
    req.sessionToken = token;
    req.csrfToken = session.csrfToken;
    const { id, username, displayName, role, sirens } = session.user;
    return { id: `user:${username}`, role, sirens: role === 'clerk' ? sirens : '*', user: { id, username, displayName, role, sirens } };
  }
}
