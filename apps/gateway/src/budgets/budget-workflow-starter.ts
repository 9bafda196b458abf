import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { budgetWorkflowId, type ProcessBudgetInput } from '@openactes/contracts';
import { CodedError } from '@openactes/domain';
import type { processBudgetWorkflow } from '@openactes/workflows';
import { AppSettings, type Settings } from '../common/app-settings';

/** Starts (or joins) the one workflow of a budget; its ID comes from the budget's natural key. */
@Injectable()
export class BudgetWorkflowStarter {
  constructor(
    private readonly temporal: Client,
    @Inject(AppSettings) private readonly settings: Settings,
  ) {}

  async start(input: ProcessBudgetInput): Promise<void> {
    try {
      await this.temporal.workflow.start<typeof processBudgetWorkflow>('processBudgetWorkflow', {
        workflowId: budgetWorkflowId(input.budgetKey),
        taskQueue: this.settings.temporal.taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return;
      throw new CodedError('SERVICE_UNAVAILABLE', 'The budget was stored but its processing could not be started; send it again to resume', {
        budgetId: input.budgetId,
      });
    }
  }
}
