import { ApplicationFailure } from '@temporalio/common';
import { isCodedError } from '@openactes/domain';

/**
 * Activities decide which failures are final: a coded, non-retryable domain
 * error becomes a non-retryable ApplicationFailure typed with its code;
 * anything else (database down, timeouts) is retried by the policy.
 */
export function toActivityFailure(err: unknown): unknown {
  if (isCodedError(err)) {
    return err.retryable
      ? ApplicationFailure.retryable(err.message, err.code, err.details)
      : ApplicationFailure.nonRetryable(err.message, err.code, err.details);
  }
  return err;
}
