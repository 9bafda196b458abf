import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ErrorCodes, isCodedError, type ErrorCode } from '@openactes/domain';
import type { Response } from 'express';

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

/** The one place where failures become HTTP answers: `{ code, message, details? }`, never a stack trace. */
@Catch()
export class CodedErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(err: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.toResponse(err);
    if (status >= 500) this.logger.error(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
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
      const response = err.getResponse();
      const message = typeof response === 'object' && response && 'message' in response ? (response as { message: unknown }).message : err.message;
      const body: ErrorBody = {
        code: CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED'),
        message: Array.isArray(message) ? message.join('; ') : String(message),
      };
      if (Array.isArray(message)) body.details = { violations: message };
      return { status, body };
    }
    return { status: 500, body: { code: 'INTERNAL_ERROR', message: 'An unexpected error occurred; it has been logged.' } };
  }
}
