import { Module } from '@nestjs/common';
import { DatasetStore } from '@openactes/persistence';
import { DataSource } from 'typeorm';
import { CatalogController } from './catalog.controller';
import { DatasetApiController } from './dataset-api.controller';
import { DatasetApiService } from './dataset-api.service';

/** Imported last: its `:id` routes must not shadow the fixed dataset URLs of the other modules (e.g. budget.csv). */
@Module({
  controllers: [DatasetApiController, CatalogController],
  providers: [{ provide: DatasetStore, useFactory: (ds: DataSource) => new DatasetStore(ds), inject: [DataSource] }, DatasetApiService],
  exports: [DatasetStore, DatasetApiService],
})
export class DatasetApiModule {}
