import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { AppConfig } from '@openactes/config';
import { AuditLog, UserStore } from '@openactes/persistence';
import { DataSource } from 'typeorm';
import { AppSettings } from '../common/app-settings';
import { PlatformAuthenticator } from '../common/platform-auth.guard';
import { RolesGuard } from '../common/roles.guard';
import { OidcClient } from './oidc-client';
import { SessionController } from './session.controller';

/** Who calls: platform tokens, console sessions (local or OpenID Connect), and the one guard that checks every route's roles. */
@Global()
@Module({
  controllers: [SessionController],
  providers: [
    {
      provide: UserStore,
      useFactory: (ds: DataSource, audit: AuditLog, config: AppConfig) => new UserStore(ds, audit, config.sessions),
      inject: [DataSource, AuditLog, AppSettings],
    },
    { provide: OidcClient, useFactory: (config: AppConfig) => (config.oidc ? new OidcClient(config.oidc) : null), inject: [AppSettings] },
    PlatformAuthenticator,
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [UserStore, PlatformAuthenticator],
})
export class SessionModule {}
