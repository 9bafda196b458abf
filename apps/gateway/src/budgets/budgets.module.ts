import { Module } from '@nestjs/common';
import { AuditLog, BudgetStore } from '@openactes/persistence';
import { DataSource } from 'typeorm';
import { BudgetDatasetsController } from './budget-datasets.controller';
import { BudgetWorkflowStarter } from './budget-workflow-starter';
import { BudgetsController } from './budgets.controller';
import { BudgetsService } from './budgets.service';
import { SubventionsModule } from '../subventions/subventions.module';

/** TOTEM budget documents: ingestion, status, retry, and the budget and subventions datasets. */
@Module({
  imports: [SubventionsModule],
  controllers: [BudgetsController, BudgetDatasetsController],
  providers: [
    { provide: BudgetStore, useFactory: (ds: DataSource, audit: AuditLog) => new BudgetStore(ds, audit), inject: [DataSource, AuditLog] },
    BudgetWorkflowStarter,
    BudgetsService,
  ],
  exports: [BudgetsService],
})
export class BudgetsModule {}
