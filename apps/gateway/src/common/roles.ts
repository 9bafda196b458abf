import { SetMetadata } from '@nestjs/common';
import type { PlatformPrincipal } from '@openactes/domain';
import type { UserRole } from '@openactes/persistence';
import type { Request } from 'express';

/**
 * Who may call a route. `public`: anyone, no login (a given token or session must still be
 * valid, and then scopes the answer); `platform`: a bearer platform token, scoped by SIREN;
 * `clerk`, `reviewer`, `admin`: a console session of that role.
 */
export const ROLES = ['public', 'platform', 'clerk', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLES_KEY = 'openactes:roles';
export const NO_CSRF_KEY = 'openactes:no-csrf';

/** Declares the roles of a route (or of every route of a controller). A route without one is refused (403). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const OWN_AUTH_KEY = 'openactes:own-auth';

/**
 * A public route that reads its own bearer token (a webhook's management token, METRICS_TOKEN):
 * the guard does not take it for a platform token.
 */
export const OwnAuthorization = () => SetMetadata(OWN_AUTH_KEY, true);

/** Only for the login itself: no session exists yet whose CSRF token could be sent. */
export const NoCsrf = () => SetMetadata(NO_CSRF_KEY, true);

/**
 * Whoever a request acts as. Its `sirens` scope is the platform token's, a clerk's
 * collectivities, or `*` for reviewers and administrators, so `assertSirenAllowed` serves all.
 */
export interface RequestPrincipal extends PlatformPrincipal {
  role: Exclude<Role, 'public'>;
  /** Console users only. */
  user?: { id: string; username: string; displayName: string; role: UserRole; sirens: string[] };
}

export type AuthenticatedRequest = Request & { principal: RequestPrincipal; sessionToken?: string; csrfToken?: string };
export type MaybeAuthenticatedRequest = Request & { principal?: RequestPrincipal; sessionToken?: string; csrfToken?: string };

