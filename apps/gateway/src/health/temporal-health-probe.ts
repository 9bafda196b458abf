import { Connection } from '@temporalio/client';

/**
 * Its own connection without the SDK's retry interceptor: a health check
 * answers now, and never leaves a retry running after shutdown.
 */
export class TemporalHealthProbe {
  private readonly connection: Connection;

  constructor(address: string) {
    this.connection = Connection.lazy({ address, interceptors: [] });
  }

  async check(timeoutMs: number): Promise<void> {
    await this.connection.withDeadline(Date.now() + timeoutMs, () => this.connection.healthService.check({}));
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}
