import { Module } from '@nestjs/common';
import { AuditLog, SubventionStore } from '@openactes/persistence';
import { DataSource } from 'typeorm';
import { SubventionsController } from './subventions.controller';
import { SubventionsService } from './subventions.service';
import { SubventionWorkflowStarter } from './subvention-workflow-starter';

/** Subventions CSV files: ingestion, status, retry. Their rows join the subventions dataset (budgets module). */
@Module({
  controllers: [SubventionsController],
  providers: [
    { provide: SubventionStore, useFactory: (ds: DataSource, audit: AuditLog) => new SubventionStore(ds, audit), inject: [DataSource, AuditLog] },
    SubventionWorkflowStarter,
    SubventionsService,
  ],
  exports: [SubventionStore],
})
export class SubventionsModule {}
