import type { Logger } from 'typeorm';

/**
 * TypeORM's own loggers print a failed query with its parameters: a payload's
 * bytes, a document's text, personal values. Ours prints the statement and the
 * error, never the parameters (only how many there were).
 */
export class ParameterFreeLogger implements Logger {
  logQuery(): void {}

  logQueryError(error: string | Error, query: string, parameters?: unknown[]): void {
    const message = error instanceof Error ? error.message : error;
    console.error(`query failed: ${message} -- ${query.replace(/\s+/g, ' ').trim().slice(0, 300)} (${parameters?.length ?? 0} parameters withheld)`);
  }

  logQuerySlow(): void {}

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    console.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') console.warn(message);
  }
}
