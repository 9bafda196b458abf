import { proxyActivities } from '@temporalio/workflow';
import type { BudgetActivities, ProcessBudgetInput, ProcessBudgetResult } from '@openactes/contracts';
import { describeFailure } from './describe-failure';

/** Short database steps: retried quickly, then the budget is marked failed (visible, retryable by an operator). */
const db = proxyActivities<BudgetActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 8 },
});

/**
 * Conversion parses the flux and its account plan (a few hundred ms each).
 * A missing plan waits for the operator, not for time: the budget fails at
 * once with MISSING_ACCOUNT_PLAN, and the retry endpoint runs it again once
 * the plan is in the folder.
 */
const conversion = proxyActivities<BudgetActivities>({
  startToCloseTimeout: '5 minutes',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '30 seconds',
    maximumAttempts: 5,
    nonRetryableErrorTypes: ['MISSING_ACCOUNT_PLAN'],
  },
});

export async function processBudgetWorkflow(input: ProcessBudgetInput): Promise<ProcessBudgetResult> {
  const ref = { budgetId: input.budgetId };
  try {
    await db.startBudgetProcessing(ref);
    await conversion.convertBudget(ref);
    const { status } = await db.publishBudget(ref);
    return { budgetId: input.budgetId, status };
  } catch (err) {
    const { code, message } = describeFailure(err);
    await db.failBudget({ ...ref, code, message });
    return { budgetId: input.budgetId, status: 'failed', failureCode: code };
  }
}
