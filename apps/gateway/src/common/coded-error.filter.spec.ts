import { InternalServerErrorException, Logger, NotFoundException, type ArgumentsHost } from '@nestjs/common';
import { CodedError } from '@openactes/domain';
import { CodedErrorFilter, type ErrorBody } from './coded-error.filter';

function answer(err: unknown): { status: number; body: ErrorBody; logged: string[] } {
  const sent: { status?: number; body?: ErrorBody } = {};
  const res = {
    headersSent: false,
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: ErrorBody) {
      sent.body = body;
    },
  };
  const req = { method: 'POST', path: '/api/v1/acts/42/review', body: { comment: 'Mme Jeanne Martin, 12 rue des Lilas' } };
  const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => req }) } as unknown as ArgumentsHost;
  const logged: string[] = [];
  const spy = jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => void logged.push(String(message)));
  try {
    new CodedErrorFilter().catch(err, host);
  } finally {
    spy.mockRestore();
  }
  return { status: sent.status!, body: sent.body!, logged };
}

describe('CodedErrorFilter', () => {
  it('answers an unexpected error with a generic message and an id, and logs the id, the route and the error, not the body', () => {
    const { status, body, logged } = answer(new TypeError("Cannot read properties of undefined (reading 'x')"));
    expect(status).toBe(500);
    expect(body).toEqual({ code: 'INTERNAL_ERROR', message: 'An unexpected error occurred; it has been logged.', details: { errorId: expect.any(String) } });
    const errorId = (body.details as { errorId: string }).errorId;
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(`error ${errorId} on POST /api/v1/acts/42/review (500 INTERNAL_ERROR): TypeError: Cannot read properties`);
    expect(logged[0]).toMatch(/\(at .+coded-error\.filter\.spec\.ts:\d+/); // where it was thrown, one frame
    expect(logged[0].split('\n')).toHaveLength(1); // not the whole stack
    expect(logged[0]).not.toContain('Jeanne');
  });

  it('gives each failure its own id', () => {
    const ids = [answer(new Error('a')), answer(new Error('a'))].map((a) => (a.body.details as { errorId: string }).errorId);
    expect(new Set(ids).size).toBe(2);
  });

  it('hides the message of a 500 HttpException too', () => {
    const { body } = answer(new InternalServerErrorException('connection to 10.0.0.5 refused for user openactes'));
    expect(body.message).toBe('An unexpected error occurred; it has been logged.');
    expect(JSON.stringify(body)).not.toContain('10.0.0.5');
  });

  it('keeps coded errors and 4xx as they are, without logging them', () => {
    const coded = answer(new CodedError('FORBIDDEN_SIREN', 'This token may not act for SIREN 213509821', { siren: '213509821' }));
    expect(coded).toEqual({ status: 403, body: { code: 'FORBIDDEN_SIREN', message: 'This token may not act for SIREN 213509821', details: { siren: '213509821' } }, logged: [] });
    expect(answer(new NotFoundException('Cannot GET /nowhere')).body).toEqual({ code: 'NOT_FOUND', message: 'Cannot GET /nowhere' });
  });

  it('logs a 503 with an id but answers its coded message', () => {
    const { status, body, logged } = answer(new CodedError('SERVICE_UNAVAILABLE', 'Temporal is unreachable'));
    expect(status).toBe(503);
    expect(body).toEqual({ code: 'SERVICE_UNAVAILABLE', message: 'Temporal is unreachable' });
    expect(logged[0]).toMatch(/^error [0-9a-f-]{36} on POST \/api\/v1\/acts\/42\/review \(503 SERVICE_UNAVAILABLE\): CodedError: Temporal is unreachable/);
  });
});
