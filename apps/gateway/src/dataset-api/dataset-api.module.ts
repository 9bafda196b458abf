import { Module } from '@nestjs/common';
import { AuditLog, DatasetStore, PortalStore } from '@openactes/persistence';
import { AppSettings, type Settings } from '../common/app-settings';
import { DataSource } from 'typeorm';
import { CatalogController } from './catalog.controller';
import { DatasetApiController } from './dataset-api.controller';
import { DatasetApiService } from './dataset-api.service';

/** Imported last: its `:id` routes must not shadow the fixed dataset URLs of the other modules (e.g. budget.csv). */
@Module({
  controllers: [DatasetApiController, CatalogController],
  providers: [
    { provide: DatasetStore, useFactory: (ds: DataSource) => new DatasetStore(ds), inject: [DataSource] },
    { provide: PortalStore, useFactory: (ds: DataSource, audit: AuditLog, settings: Settings) => new PortalStore(ds, audit, settings.secrets), inject: [DataSource, AuditLog, AppSettings] },
    DatasetApiService,
  ],
  exports: [DatasetStore, DatasetApiService],
})
export class DatasetApiModule {}
