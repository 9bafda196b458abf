import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { actWorkflowId, type ProcessActInput } from '@openactes/contracts';
import { CodedError } from '@openactes/domain';
import type { processActWorkflow } from '@openactes/workflows';
import { AppSettings, type Settings } from '../common/app-settings';

/** Starts (or joins) the one workflow of an act; its ID comes from the act's business key. */
@Injectable()
export class ActWorkflowStarter {
  constructor(
    private readonly temporal: Client,
    @Inject(AppSettings) private readonly settings: Settings,
  ) {}

  async start(input: ProcessActInput): Promise<void> {
    try {
      await this.temporal.workflow.start<typeof processActWorkflow>('processActWorkflow', {
        workflowId: actWorkflowId(input.actKey),
        taskQueue: this.settings.temporal.taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return;
      throw new CodedError('SERVICE_UNAVAILABLE', 'The act was stored but its processing could not be started; send it again to resume', {
        actId: input.actId,
      });
    }
  }
}
