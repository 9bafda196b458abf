import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { subventionFileWorkflowId, type ProcessSubventionFileInput } from '@openactes/contracts';
import { CodedError } from '@openactes/domain';
import type { processSubventionFileWorkflow } from '@openactes/workflows';
import { AppSettings, type Settings } from '../common/app-settings';

/** Starts (or joins) the one workflow of a subventions file; its ID comes from the file's SHA-256. */
@Injectable()
export class SubventionWorkflowStarter {
  constructor(
    private readonly temporal: Client,
    @Inject(AppSettings) private readonly settings: Settings,
  ) {}

  async start(input: ProcessSubventionFileInput): Promise<void> {
    try {
      await this.temporal.workflow.start<typeof processSubventionFileWorkflow>('processSubventionFileWorkflow', {
        workflowId: subventionFileWorkflowId(input.payloadSha256),
        taskQueue: this.settings.temporal.taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return;
      throw new CodedError('SERVICE_UNAVAILABLE', 'The file was stored but its processing could not be started; send it again to resume', {
        subventionFileId: input.subventionFileId,
      });
    }
  }
}
