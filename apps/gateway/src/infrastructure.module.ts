import { Global, Injectable, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { AppConfig } from '@openactes/config';
import { ActStore, AuditLog, createDataSource, DatasetSources, PayloadStore, runMigrations, TenantStore } from '@openactes/persistence';
import { DataSource } from 'typeorm';
import { AppSettings } from './common/app-settings';
import { DatasetNotifier } from './common/dataset-notifier';

@Injectable()
class InfrastructureLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: Connection,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.temporal.close().catch(() => undefined);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** PostgreSQL, Temporal and the stores over them, shared by every feature module. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: AppSettings, useValue: config },
        {
          provide: DataSource,
          useFactory: async () => {
            const dataSource = await createDataSource(config.databaseUrl, { applicationName: 'openactes-gateway' }).initialize();
            if (config.migrateOnBoot) {
              const applied = await runMigrations(dataSource);
              if (applied.length) new Logger('database').log(`applied migrations: ${applied.join(', ')}`);
            }
            return dataSource;
          },
        },
        // Lazy: the gateway boots (and reports 503 on /health) while Temporal is unreachable.
        { provide: Connection, useFactory: () => Connection.lazy({ address: config.temporal.address }) },
        {
          provide: Client,
          useFactory: (connection: Connection) => new Client({ connection, namespace: config.temporal.namespace }),
          inject: [Connection],
        },
        { provide: AuditLog, useFactory: (ds: DataSource) => new AuditLog(ds), inject: [DataSource] },
        { provide: PayloadStore, useFactory: (ds: DataSource) => new PayloadStore(ds), inject: [DataSource] },
        { provide: ActStore, useFactory: (ds: DataSource, audit: AuditLog) => new ActStore(ds, audit), inject: [DataSource, AuditLog] },
        { provide: TenantStore, useFactory: (ds: DataSource, audit: AuditLog) => new TenantStore(ds, audit), inject: [DataSource, AuditLog] },
        { provide: DatasetSources, useFactory: (ds: DataSource) => new DatasetSources(ds), inject: [DataSource] },
        DatasetNotifier,
        InfrastructureLifecycle,
      ],
      exports: [AppSettings, DataSource, Connection, Client, AuditLog, PayloadStore, ActStore, TenantStore, DatasetSources, DatasetNotifier],
    };
  }
}
