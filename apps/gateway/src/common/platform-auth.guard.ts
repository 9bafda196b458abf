import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { CodedError, type PlatformPrincipal } from '@openactes/domain';
import { TenantStore } from '@openactes/persistence';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { AppSettings, type Settings } from './app-settings';

export type AuthenticatedRequest = Request & { principal: PlatformPrincipal };
export type MaybeAuthenticatedRequest = Request & { principal?: PlatformPrincipal };

/** Platforms authenticate with a bearer token, scoped to a set of SIRENs. */
@Injectable()
export class PlatformAuthGuard implements CanActivate {
  private readonly devTokenDigest: Buffer | null;

  constructor(
    @Inject(AppSettings) private readonly settings: Settings,
    private readonly tenants: TenantStore,
  ) {
    this.devTokenDigest = settings.devPlatformToken ? digest(settings.devPlatformToken) : null;
    if (settings.devPlatformToken && settings.nodeEnv === 'production') {
      new Logger('auth').warn('DEV_PLATFORM_TOKEN is set but refused because NODE_ENV=production');
    }
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!match) throw new CodedError('UNAUTHENTICATED', 'A bearer token is required (Authorization: Bearer <token>)');
    req.principal = await this.authenticate(match[1]);
    return true;
  }

  private async authenticate(token: string): Promise<PlatformPrincipal> {
    if (this.devTokenDigest && timingSafeEqual(digest(token), this.devTokenDigest)) {
      if (this.settings.nodeEnv === 'production') throw new CodedError('UNAUTHENTICATED', 'The development token is refused in production');
      return { id: 'platform:dev', sirens: '*' };
    }
    const scope = await this.tenants.authenticate(token);
    if (!scope) throw new CodedError('UNAUTHENTICATED', 'Unknown or revoked token');
    return { id: `platform:${scope.platformName}`, sirens: scope.sirens };
  }
}

/**
 * For reads open to the public for now (issue: roles come with the console):
 * no token is fine, but a token that is given must be valid and its scope holds.
 */
@Injectable()
export class OptionalPlatformAuthGuard extends PlatformAuthGuard {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<MaybeAuthenticatedRequest>();
    return req.headers.authorization === undefined ? true : super.canActivate(context);
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
