import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TemporalHealthProbe } from './temporal-health-probe';

type CheckResult = 'ok' | 'unavailable';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  checks: { database: CheckResult; temporal: CheckResult };
}

const CHECK_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: TemporalHealthProbe,
  ) {}

  async check(): Promise<HealthReport> {
    const [database, temporal] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(() => this.temporal.check(CHECK_TIMEOUT_MS)),
    ]);
    return { status: database === 'ok' && temporal === 'ok' ? 'ok' : 'unavailable', checks: { database, temporal } };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.temporal.close().catch(() => undefined);
  }
}

async function probe(fn: () => Promise<unknown>): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
      }),
    ]);
    return 'ok';
  } catch {
    return 'unavailable';
  } finally {
    clearTimeout(timer);
  }
}
