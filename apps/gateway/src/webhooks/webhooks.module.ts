import { Module } from '@nestjs/common';
import type { AppConfig } from '@openactes/config';
import { AuditLog, WebhookStore } from '@openactes/persistence';
import { DataSource } from 'typeorm';
import { AppSettings } from '../common/app-settings';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/** Reusers' webhooks: registration, management with a token shown once, delivery log. Deliveries run in the worker. */
@Module({
  controllers: [WebhooksController],
  providers: [
    {
      provide: WebhookStore,
      useFactory: (ds: DataSource, config: AppConfig, audit: AuditLog) => new WebhookStore(ds, config.secrets, audit),
      inject: [DataSource, AppSettings, AuditLog],
    },
    WebhooksService,
  ],
})
export class WebhooksModule {}
