import { Module } from '@nestjs/common';
import { AuditLog, ProcurementStore } from '@openactes/persistence';
import { DataSource } from 'typeorm';
import { ProcurementController } from './procurement.controller';
import { ProcurementDatasetsController } from './procurement-datasets.controller';
import { ProcurementService } from './procurement.service';
import { ProcurementWorkflowStarter } from './procurement-workflow-starter';

/** DECP procurement files: ingestion, status, retry, and the procurement datasets. */
@Module({
  controllers: [ProcurementController, ProcurementDatasetsController],
  providers: [
    { provide: ProcurementStore, useFactory: (ds: DataSource, audit: AuditLog) => new ProcurementStore(ds, audit), inject: [DataSource, AuditLog] },
    ProcurementWorkflowStarter,
    ProcurementService,
  ],
})
export class ProcurementModule {}
