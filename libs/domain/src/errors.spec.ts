import { CodedError, ErrorCodes } from '@openactes/domain';

describe(CodedError.name, () => {
  it('knows whether its code is retryable', () => {
    expect(new CodedError('INVALID_ARCHIVE', 'x').retryable).toBe(false);
    expect(new CodedError('SERVICE_UNAVAILABLE', 'x').retryable).toBe(true);
  });
  it('maps every code to a 4xx or 5xx status', () => {
    for (const { http } of Object.values(ErrorCodes)) expect(http).toBeGreaterThanOrEqual(400);
  });
});
