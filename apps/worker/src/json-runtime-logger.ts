import type { LogLevel, LogMetadata, Logger } from '@temporalio/worker';

/**
 * The Temporal Runtime's logger as one JSON object per line (LOG_FORMAT=json). Activity
 * and workflow log lines carry the SDK's metadata, so the workflow id (the act's business
 * key) is the correlation id: `workflowId`, and `actId` when the activity logs it.
 */
export class JsonRuntimeLogger implements Logger {
  constructor(private readonly write: (line: string) => void = (line) => process.stdout.write(line)) {}

  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    const { workflowId, actId, sdkComponent, activityType, workflowType, taskQueue, attempt } = (meta ?? {}) as Record<string, unknown>;
    const line = {
      time: new Date().toISOString(),
      level: level.toLowerCase(),
      context: typeof sdkComponent === 'string' ? sdkComponent : 'worker',
      message,
      ...(typeof workflowId === 'string' ? { workflowId } : {}),
      ...(typeof actId === 'string' ? { actId } : {}),
      ...(typeof activityType === 'string' ? { activityType } : {}),
      ...(typeof workflowType === 'string' ? { workflowType } : {}),
      ...(typeof taskQueue === 'string' ? { taskQueue } : {}),
      ...(typeof attempt === 'number' ? { attempt } : {}),
    };
    this.write(`${JSON.stringify(line)}\n`);
  }
  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}
