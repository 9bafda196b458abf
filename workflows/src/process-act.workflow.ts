import { condition, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import {
  actEndedSignal,
  reviewDecisionSignal,
  type ActActivities,
  type ActEnded,
  type ActRef,
  type ProcessActInput,
  type ProcessActResult,
  type ReviewDecision,
  type ReviewTiming,
} from '@openactes/contracts';
import { describeFailure } from './describe-failure';

/** Short database steps: retried quickly, then the act is marked failed (visible, retryable by an operator). */
const db = proxyActivities<ActActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 8 },
});

/**
 * Text extraction: CPU-bound and long on big documents, so it heartbeats (every
 * page); a worker that dies mid-document is noticed by the missing heartbeats,
 * and the next attempt starts elsewhere after 20 s rather than 10 minutes.
 */
const extraction = proxyActivities<ActActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5 },
});

export async function processActWorkflow(input: ProcessActInput): Promise<ProcessActResult> {
  const ref = { actId: input.actId };
  let review: ReviewDecision | undefined;
  let ended: ActEnded | undefined;
  setHandler(reviewDecisionSignal, (decision) => {
    review ??= decision;
  });
  setHandler(actEndedSignal, (end) => {
    ended ??= end;
  });
  const answered = () => review !== undefined || ended !== undefined;
  try {
    // Histories recorded before these results existed replay with undefined: proceed, published.
    const started = await db.startActProcessing(ref);
    if (started && !started.proceed) return { actId: input.actId, status: started.status };
    await extraction.extractActText(ref);
    // Nothing unreviewed is published when the anonymiser is unsure (acts started before this step skip it on replay).
    if (patched('anonymise-before-publication')) {
      const anonymisation = await db.anonymiseAct(ref);
      // The nature's policy (or the collectivity's own) first: individual acts are not published by default.
      const policy = await db.decideActPublication(ref);
      if (policy.act === 'withhold') return { actId: input.actId, ...(await db.withholdAct({ ...ref, reasons: policy.reasons })) };
      if (anonymisation.decision === 'review' || policy.act === 'review') {
        const reasons = [...(anonymisation.decision === 'review' ? anonymisation.reasons : []), ...(policy.act === 'review' ? policy.reasons : [])];
        const timing = await db.holdForReview({ ...ref, reasons });
        // Acts held before reminders existed wait as they did (their histories hold no timer).
        if (patched('review-reminders') && timing) await awaitReviewWithReminders(ref, timing, answered);
        else await condition(answered);
        // Rejected or cancelled while waiting: the lifecycle already set its status; nothing is published.
        if (ended) return { actId: input.actId, status: ended.status };
        const { status } = await db.applyReview({ ...ref, ...review! });
        if (status !== 'processing') return { actId: input.actId, status };
      }
    }
    await db.buildDeliberationRecord(ref);
    const publication = await db.publishAct(ref);
    return { actId: input.actId, status: publication?.status ?? 'published' };
  } catch (err) {
    const { code, message } = describeFailure(err);
    await db.failAct({ actId: input.actId, code, message });
    return { actId: input.actId, status: 'failed', failureCode: code };
  }
}

/** Waits for the reviewer; past the reminder delay a reminder is recorded, past the escalation delay an escalation, then it waits on. */
async function awaitReviewWithReminders(ref: ActRef, timing: ReviewTiming, answered: () => boolean): Promise<void> {
  if (await condition(answered, timing.remindAfterMs)) return;
  await db.remindReview({ ...ref, level: 'reminder', waitedMs: timing.remindAfterMs });
  if (await condition(answered, Math.max(1, timing.escalateAfterMs - timing.remindAfterMs))) return;
  await db.remindReview({ ...ref, level: 'escalation', waitedMs: timing.escalateAfterMs });
  await condition(answered);
}
