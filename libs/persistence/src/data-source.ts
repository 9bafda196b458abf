import { DataSource } from 'typeorm';
import { ActEntity } from './entities/act.entity';
import { AuditEventEntity } from './entities/audit-event.entity';
import { CollectivityEntity } from './entities/collectivity.entity';
import { DeliberationRecordEntity } from './entities/deliberation-record.entity';
import { DocumentEntity } from './entities/document.entity';
import { ReceivedPayloadEntity } from './entities/received-payload.entity';
import { TransmissionEntity } from './entities/transmission.entity';
import { InitialSchema1763800000000 } from './migrations/1763800000000-initial-schema';
import { TenantsAndTokens1763900000000 } from './migrations/1763900000000-tenants-and-tokens';
import { ActLifecycle1763950000000 } from './migrations/1763950000000-act-lifecycle';
import { Anonymisation1764200000000 } from './migrations/1764200000000-anonymisation';
import { PublicationPolicy1764300000000 } from './migrations/1764300000000-publication-policy';
import { TenantClassification1764400000000 } from './migrations/1764400000000-tenant-classification';
import { TenantOfficials1764600000000 } from './migrations/1764600000000-tenant-officials';
import { PlatformEntity } from './entities/platform.entity';
import { PlatformTokenEntity } from './entities/platform-token.entity';
import { PlatformPullEntity } from './entities/platform-pull.entity';
import { PulledTransactionEntity } from './entities/pulled-transaction.entity';
import { PlatformPull1764000000000 } from './migrations/1764000000000-platform-pull';
import { BudgetEntity } from './entities/budget.entity';
import { BudgetRowEntity } from './entities/budget-row.entity';
import { Budgets1764100000000 } from './migrations/1764100000000-budgets';
import { Datasets1764800000000 } from './migrations/1764800000000-datasets';
import { ParameterFreeLogger } from './query-logger';
import { AuditChains1765200000000 } from './migrations/1765200000000-audit-chains';
import { PortalEntity } from './entities/portal.entity';
import { PortalDatasetEntity } from './entities/portal-dataset.entity';
import { Portals1764700000000 } from './migrations/1764700000000-portals';
import { ProcurementFileEntity } from './entities/procurement-file.entity';
import { ProcurementRecordEntity } from './entities/procurement-record.entity';
import { Procurement1764500000000 } from './migrations/1764500000000-procurement';
import { WebhookSubscriptionEntity } from './entities/webhook-subscription.entity';
import { WebhookDeliveryEntity } from './entities/webhook-delivery.entity';
import { Webhooks1764900000000 } from './migrations/1764900000000-webhooks';
import { SubventionFileEntity } from './entities/subvention-file.entity';
import { SubventionRowEntity } from './entities/subvention-row.entity';
import { SubventionFiles1765100000000 } from './migrations/1765100000000-subvention-files';
import { AppUserEntity } from './entities/app-user.entity';
import { AppSessionEntity } from './entities/app-session.entity';
import { Accounts1765000000000 } from './migrations/1765000000000-accounts';

export const ENTITIES = [
  ReceivedPayloadEntity,
  TransmissionEntity,
  CollectivityEntity,
  ActEntity,
  DocumentEntity,
  DeliberationRecordEntity,
  AuditEventEntity,
  PlatformEntity,
  PlatformTokenEntity,
  PlatformPullEntity,
  PulledTransactionEntity,
  BudgetEntity,
  BudgetRowEntity,
  ProcurementFileEntity,
  ProcurementRecordEntity,
  WebhookSubscriptionEntity,
  WebhookDeliveryEntity,
  PortalEntity,
  PortalDatasetEntity,
  AppUserEntity,
  AppSessionEntity,
  SubventionFileEntity,
  SubventionRowEntity,
];

export const MIGRATIONS = [InitialSchema1763800000000, TenantsAndTokens1763900000000, ActLifecycle1763950000000, PlatformPull1764000000000, Budgets1764100000000, Anonymisation1764200000000, PublicationPolicy1764300000000, TenantClassification1764400000000, Procurement1764500000000, TenantOfficials1764600000000, Portals1764700000000, Datasets1764800000000, Webhooks1764900000000, Accounts1765000000000, SubventionFiles1765100000000, AuditChains1765200000000];

export function createDataSource(url: string, options: { poolSize?: number; applicationName?: string } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    logging: ['error', 'migration'],
    logger: new ParameterFreeLogger(),
    poolSize: options.poolSize ?? 10,
    applicationName: options.applicationName ?? 'openactes',
  });
}

/**
 * Applies pending migrations under an advisory lock, so that several
 * processes booting together never run the same migration twice.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', ['openactes:migrations']);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', ['openactes:migrations']).catch(() => undefined);
    await runner.release();
  }
}
