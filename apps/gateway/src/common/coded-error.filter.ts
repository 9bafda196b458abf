import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ErrorCodes, isCodedError, type ErrorCode } from '@openactes/domain';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';

export interface ErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: 'VALIDATION_FAILED',
  [HttpStatus.UNAUTHORIZED]: 'UNAUTHENTICATED',
  [HttpStatus.FORBIDDEN]: 'FORBIDDEN',
  [HttpStatus.NOT_FOUND]: 'NOT_FOUND',
  [HttpStatus.CONFLICT]: 'CONFLICT',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'PAYLOAD_TOO_LARGE',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'UNSUPPORTED_CONTENT_TYPE',
};

const GENERIC_500: ErrorBody = { code: 'INTERNAL_ERROR', message: 'An unexpected error occurred; it has been logged.' };

/**
 * The one place where failures become HTTP answers: `{ code, message, details? }`, never a stack trace.
 * An unexpected error answers a generic message and an error id; the log line carries the same id,
 * the route and the error (never the request body, which may hold personal data).
 */
@Catch()
export class CodedErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(err: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.toResponse(err);
    if (status >= 500) {
      const errorId = randomUUID();
      if (body.code === 'INTERNAL_ERROR') body.details = { errorId };
      const req = host.switchToHttp().getRequest<Request>();
      const where = req ? `${req.method} ${req.path}` : '-';
      this.logger.error(`error ${errorId} on ${where} (${status} ${body.code}): ${describe(err)}`);
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.status(status).json(body);
  }

  private toResponse(err: unknown): { status: number; body: ErrorBody } {
    if (isCodedError(err)) {
      return { status: ErrorCodes[err.code].http, body: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } };
    }
    if (err instanceof HttpException) {
      const status = err.getStatus();
      if (status === 500) return { status, body: { ...GENERIC_500 } };
      const response = err.getResponse();
      const message = typeof response === 'object' && response && 'message' in response ? (response as { message: unknown }).message : err.message;
      const body: ErrorBody = {
        code: CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED'),
        message: Array.isArray(message) ? message.join('; ') : String(message),
      };
      if (Array.isArray(message)) body.details = { violations: message };
      return { status, body };
    }
    return { status: 500, body: { ...GENERIC_500 } };
  }
}

/** Name, message and where it was thrown: enough to find the bug, no full stack trace in the logs. */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return `a thrown ${typeof err}`;
  const origin = /\n\s+at (.+)/.exec(err.stack ?? '')?.[1];
  return `${err.name}: ${err.message}${origin ? ` (at ${origin})` : ''}`;
}
