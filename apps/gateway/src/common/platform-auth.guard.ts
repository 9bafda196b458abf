import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { CodedError } from '@openactes/domain';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { AppSettings, type Settings } from './app-settings';

export interface PlatformPrincipal {
  id: string;
  /** SIRENs this platform may act for; `*` for the development token. */
  sirens: '*' | string[];
}

export type AuthenticatedRequest = Request & { principal: PlatformPrincipal };

/**
 * Authenticates transmission platforms by bearer token. Until tenants exist,
 * one development token (DEV_PLATFORM_TOKEN) is accepted, never in production.
 */
@Injectable()
export class PlatformAuthGuard implements CanActivate {
  private readonly devTokenDigest: Buffer | null;

  constructor(@Inject(AppSettings) private readonly settings: Settings) {
    this.devTokenDigest = settings.devPlatformToken ? digest(settings.devPlatformToken) : null;
    if (settings.devPlatformToken && settings.nodeEnv === 'production') {
      new Logger('auth').warn('DEV_PLATFORM_TOKEN is set but refused because NODE_ENV=production');
    }
  }

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!match) throw new CodedError('UNAUTHENTICATED', 'A bearer token is required (Authorization: Bearer <token>)');
    const token = match[1];
    if (this.devTokenDigest && timingSafeEqual(digest(token), this.devTokenDigest)) {
      if (this.settings.nodeEnv === 'production') {
        throw new CodedError('UNAUTHENTICATED', 'The development token is refused in production');
      }
      req.principal = { id: 'platform:dev', sirens: '*' };
      return true;
    }
    throw new CodedError('UNAUTHENTICATED', 'Unknown or revoked token');
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
