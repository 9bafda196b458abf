import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { budgetWorkflowId, type ProcessBudgetInput } from '@openactes/contracts';
import { AppSettings, type Settings } from '../common/app-settings';
import { startOrJoin } from '../common/start-workflow';

/** Starts (or joins) the one workflow of a budget; its ID comes from the budget's natural key. */
@Injectable()
export class BudgetWorkflowStarter {
  constructor(
    private readonly temporal: Client,
    @Inject(AppSettings) private readonly settings: Settings,
  ) {}

  async start(input: ProcessBudgetInput): Promise<void> {
    await startOrJoin(this.temporal, 'processBudgetWorkflow', { workflowId: budgetWorkflowId(input.budgetKey), taskQueue: this.settings.temporal.taskQueue, args: [input] }, {
      message: 'The budget was stored but its processing could not be started; send it again to resume',
      details: { budgetId: input.budgetId },
    });
  }
}
