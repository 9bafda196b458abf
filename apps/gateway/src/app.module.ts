import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@openactes/config';
import { ActDocumentsController } from './acts/act-documents.controller';
import { ActsController } from './acts/acts.controller';
import { ActsService } from './acts/acts.service';
import { BudgetsModule } from './budgets/budgets.module';
import { OptionalPlatformAuthGuard, PlatformAuthGuard } from './common/platform-auth.guard';
import { DatasetApiModule } from './dataset-api/dataset-api.module';
import { DatasetsController } from './datasets/datasets.controller';
import { HealthController } from './health/health.controller';
import { HealthService } from './health/health.service';
import { TemporalHealthProbe } from './health/temporal-health-probe';
import { InfrastructureModule } from './infrastructure.module';
import { ProcurementModule } from './procurement/procurement.module';
import { ActWorkflowStarter } from './transmissions/act-workflow-starter';
import { TransmissionsController } from './transmissions/transmissions.controller';
import { TransmissionsService } from './transmissions/transmissions.service';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [InfrastructureModule.forRoot(config), BudgetsModule, ProcurementModule, WebhooksModule, DatasetApiModule],
      controllers: [HealthController, TransmissionsController, ActsController, ActDocumentsController, DatasetsController],
      providers: [
        HealthService,
        { provide: TemporalHealthProbe, useFactory: () => new TemporalHealthProbe(config.temporal.address) },
        PlatformAuthGuard,
        OptionalPlatformAuthGuard,
        ActWorkflowStarter,
        TransmissionsService,
        ActsService,
      ],
    };
  }
}
