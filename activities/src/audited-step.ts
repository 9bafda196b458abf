import { Context } from '@temporalio/activity';
import { isCodedError } from '@openactes/domain';
import type { AuditLog } from '@openactes/persistence';
import { toActivityFailure } from './failures';

/**
 * Wraps the activities of one kind of subject so that every failed attempt
 * leaves a trace (attempt, code) and coded failures reach Temporal typed with
 * their code. `failed`: the attempt failed for a stated reason; `retrying`: a
 * transient fault the retry policy deals with.
 */
export function auditedSteps<R>(
  audit: AuditLog,
  actor: string,
  subjectType: string,
  subjectOf: (input: R) => string,
  /** Ids that tell attempts apart beyond the subject (e.g. which portal). */
  detailsOf: (input: R) => Record<string, unknown> = () => ({}),
) {
  return <I extends R, O>(action: string, fn: (input: I) => Promise<O>) =>
    async (input: I): Promise<O> => {
      try {
        return await fn(input);
      } catch (err) {
        const { attempt } = Context.current().info;
        const code = isCodedError(err) ? err.code : 'TRANSIENT';
        await audit
          .append({ actor, action, subjectType, subjectId: subjectOf(input), outcome: isCodedError(err) ? 'failed' : 'retrying', details: { ...detailsOf(input), attempt, code } })
          .catch(() => undefined);
        throw toActivityFailure(err);
      }
    };
}
