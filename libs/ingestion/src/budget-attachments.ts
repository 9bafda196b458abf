import { isCodedError, type PlatformPrincipal } from '@openactes/domain';
import { looksLikeTotem, type AttachedFile, type ParsedActe } from '@openactes/formats';
import type { AuditLog, RegisteredAct } from '@openactes/persistence';
import type { BudgetRegistration, ReceivedTotem } from './budget-ingestion';

export type ReceiveBudget = (input: ReceivedTotem, principal: PlatformPrincipal) => Promise<BudgetRegistration>;

/** The TOTEM flux (main document or annex) of a budget act (nature 5, BF). */
export function totemFilesOf(acte: ParsedActe): AttachedFile[] {
  return acte.nature === 'BF' ? [acte.document, ...acte.annexes].filter((file) => looksLikeTotem(file.data)) : [];
}

/**
 * Hands the TOTEM files of budget acts to budget registration, once the acts
 * are registered (`registered[i]` is `acts[i]`). A flux refused for what it is
 * (coded, final) never refuses the act: the refusal is kept on the payload and
 * noted on the act. Anything retryable propagates, so that re-sending the archive resumes.
 */
export async function forwardBudgetFiles(
  acts: readonly ParsedActe[],
  registered: readonly RegisteredAct[],
  principal: PlatformPrincipal,
  deps: { receiveBudget: ReceiveBudget; audit: AuditLog },
): Promise<void> {
  for (const [index, acte] of acts.entries()) {
    const actId = registered[index].id;
    for (const file of totemFilesOf(acte)) {
      try {
        await deps.receiveBudget({ body: file.data, contentType: file.mediaType, fileName: file.fileName, actId }, principal);
      } catch (err) {
        if (!isCodedError(err) || err.retryable) throw err;
        await deps.audit.append({
          actor: principal.id,
          action: 'act.budget_refused',
          subjectType: 'act',
          subjectId: actId,
          outcome: 'rejected',
          details: { fileName: file.fileName, sha256: file.sha256, code: err.code },
        });
      }
    }
  }
}
