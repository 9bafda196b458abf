import type { NextFunction, Request, Response } from 'express';
import { JsonLogger, requestId } from './json-logger';

describe(JsonLogger.name, () => {
  it('writes one JSON object per line with time, level, context and message', () => {
    const lines: string[] = [];
    new JsonLogger((l) => lines.push(l)).warn('queue is slow', 'metrics');
    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith('\n')).toBe(true);
    const entry = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 'warn', context: 'metrics', message: 'queue is slow' });
    expect(Number.isNaN(Date.parse(entry.time as string))).toBe(false);
  });

  it('carries the workflow and act ids of a structured message, and the request id inside a request', () => {
    const lines: string[] = [];
    const logger = new JsonLogger((l) => lines.push(l));
    const headers: Record<string, string> = {};
    const res = { setHeader: (k: string, v: string) => (headers[k] = v) } as unknown as Response;
    requestId({ headers: { 'x-request-id': 'req-12345678' } } as unknown as Request, res, (() => {
      logger.log({ message: 'step done', workflowId: 'act-1', actId: 'a1' }, 'worker');
    }) as NextFunction);
    expect(JSON.parse(lines[0])).toMatchObject({ message: 'step done', workflowId: 'act-1', actId: 'a1', requestId: 'req-12345678', context: 'worker' });
    expect(headers['X-Request-Id']).toBe('req-12345678');
  });
});
