import { Inject, Injectable, Logger } from '@nestjs/common';
import { CodedError, type PlatformPrincipal } from '@openactes/domain';
import { TenantStore } from '@openactes/persistence';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppSettings, type Settings } from './app-settings';

/** Platforms authenticate with a bearer token, scoped to a set of SIRENs. The global RolesGuard calls this. */
@Injectable()
export class PlatformAuthenticator {
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

  async authenticate(token: string): Promise<PlatformPrincipal> {
    if (this.devTokenDigest && timingSafeEqual(digest(token), this.devTokenDigest)) {
      if (this.settings.nodeEnv === 'production') throw new CodedError('UNAUTHENTICATED', 'The development token is refused in production');
      return { id: 'platform:dev', sirens: '*' };
    }
    const scope = await this.tenants.authenticate(token);
    if (!scope) throw new CodedError('UNAUTHENTICATED', 'Unknown or revoked token');
    return { id: `platform:${scope.platformName}`, sirens: scope.sirens };
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
