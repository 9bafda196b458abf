import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

interface RequestContext {
  requestId: string;
}

const context = new AsyncLocalStorage<RequestContext>();

/** Gives each request an id (X-Request-Id when the proxy sent a sane one), echoed in the answer and in every log line. */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && /^[\w.-]{8,64}$/.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  context.run({ requestId: id }, next);
}

export function currentRequestId(): string | undefined {
  return context.getStore()?.requestId;
}

type Level = 'error' | 'warn' | 'info' | 'debug' | 'verbose';

/**
 * Nest's logger as one JSON object per line (LOG_FORMAT=json): time, level, context, message,
 * requestId, and workflowId/actId when a message carries them as an object.
 */
export class JsonLogger implements LoggerService {
  constructor(private readonly write: (line: string) => void = (line) => process.stdout.write(line)) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.emit('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.emit('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.emit('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.emit('verbose', message, rest);
  }

  private emit(level: Level, message: unknown, rest: unknown[]): void {
    // Nest passes the context last; an error's stack comes before it.
    const ctx = rest.length && typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    const stack = level === 'error' && rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
    const fields = message !== null && typeof message === 'object' && !(message instanceof Error) ? (message as Record<string, unknown>) : {};
    const text = message instanceof Error ? message.message : typeof message === 'string' ? message : typeof fields.message === 'string' ? fields.message : JSON.stringify(message);
    const line = {
      time: new Date().toISOString(),
      level,
      ...(ctx ? { context: ctx } : {}),
      message: text,
      ...(typeof fields.workflowId === 'string' ? { workflowId: fields.workflowId } : {}),
      ...(typeof fields.actId === 'string' ? { actId: fields.actId } : {}),
      ...(currentRequestId() ? { requestId: currentRequestId() } : {}),
      ...(stack ? { stack } : {}),
    };
    this.write(`${JSON.stringify(line)}\n`);
  }
}
