import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@openactes/config';
import { ActDocumentsController } from './acts/act-documents.controller';
import { ActsController } from './acts/acts.controller';
import { ActsService } from './acts/acts.service';
import { DocumentToggleController } from './acts/document-toggle.controller';
import { BudgetsModule } from './budgets/budgets.module';
import { ConsoleModule } from './console/console.module';
import { DatasetApiModule } from './dataset-api/dataset-api.module';
import { DatasetsController } from './datasets/datasets.controller';
import { HealthController } from './health/health.controller';
import { HealthService } from './health/health.service';
import { TemporalHealthProbe } from './health/temporal-health-probe';
import { InfrastructureModule } from './infrastructure.module';
import { ProcurementModule } from './procurement/procurement.module';
import { SubventionsModule } from './subventions/subventions.module';
import { ActWorkflowStarter } from './transmissions/act-workflow-starter';
import { TransmissionsController } from './transmissions/transmissions.controller';
import { TransmissionsService } from './transmissions/transmissions.service';
import { WebhooksModule } from './webhooks/webhooks.module';
import { SessionModule } from './session/session.module';
import { UsersController } from './users/users.controller';
import { ConsoleActsController } from './admin/console-acts.controller';
import { ConsoleService } from './admin/console.service';
import { StatsController } from './admin/stats.controller';
import { CollectivitiesController, TokensController } from './collectivities/collectivities.controller';
import { BackfillController } from './backfill/backfill.controller';
import { AuditController } from './audit/audit.controller';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [InfrastructureModule.forRoot(config), SessionModule, BudgetsModule, ProcurementModule, SubventionsModule, WebhooksModule, DatasetApiModule, ConsoleModule],
      controllers: [
        HealthController,
        TransmissionsController,
        ConsoleActsController,
        ActsController,
        ActDocumentsController,
        DocumentToggleController,
        DatasetsController,
        UsersController,
        StatsController,
        CollectivitiesController,
        TokensController,
        BackfillController,
        AuditController,
        MetricsController,
      ],
      providers: [
        HealthService,
        { provide: TemporalHealthProbe, useFactory: () => new TemporalHealthProbe(config.temporal.address) },
        ConsoleService,
        MetricsService,
        ActWorkflowStarter,
        TransmissionsService,
        ActsService,
      ],
    };
  }
}
