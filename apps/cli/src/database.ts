import { createDataSource, runMigrations } from '@openactes/persistence';
import type { DataSource } from 'typeorm';

/**
 * DATABASE_URL, or outside production the embedded server `npm start` runs,
 * so that the CLI works beside a local stack without any setting.
 */
export function databaseUrl(env = process.env): string {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  if (env.NODE_ENV === 'production') throw new Error('DATABASE_URL is required in production');
  return `postgres://postgres:openactes-local@127.0.0.1:${env.PG_PORT ?? 54329}/openactes`;
}

export async function withDatabase<T>(fn: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = await createDataSource(databaseUrl(), { poolSize: 2, applicationName: 'openactes-cli' }).initialize();
  try {
    await runMigrations(dataSource);
    return await fn(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
