import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@openactes/config';
import { ActsController } from './acts/acts.controller';
import { ActsService } from './acts/acts.service';
import { BudgetsModule } from './budgets/budgets.module';
import { OptionalPlatformAuthGuard, PlatformAuthGuard } from './common/platform-auth.guard';
import { DatasetsController } from './datasets/datasets.controller';
import { HealthController } from './health/health.controller';
import { HealthService } from './health/health.service';
import { TemporalHealthProbe } from './health/temporal-health-probe';
import { InfrastructureModule } from './infrastructure.module';
import { ActWorkflowStarter } from './transmissions/act-workflow-starter';
import { TransmissionsController } from './transmissions/transmissions.controller';
import { TransmissionsService } from './transmissions/transmissions.service';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [InfrastructureModule.forRoot(config), BudgetsModule],
      controllers: [HealthController, TransmissionsController, ActsController, DatasetsController],
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
