import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { procurementWorkflowId, type ProcessProcurementInput } from '@openactes/contracts';
import { CodedError } from '@openactes/domain';
import type { processProcurementWorkflow } from '@openactes/workflows';
import { AppSettings, type Settings } from '../common/app-settings';

/** Starts (or joins) the one workflow of a DECP file; its ID comes from the file's SHA-256. */
@Injectable()
export class ProcurementWorkflowStarter {
  constructor(
    private readonly temporal: Client,
    @Inject(AppSettings) private readonly settings: Settings,
  ) {}

  async start(input: ProcessProcurementInput): Promise<void> {
    try {
      await this.temporal.workflow.start<typeof processProcurementWorkflow>('processProcurementWorkflow', {
        workflowId: procurementWorkflowId(input.payloadSha256),
        taskQueue: this.settings.temporal.taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return;
      throw new CodedError('SERVICE_UNAVAILABLE', 'The file was stored but its processing could not be started; send it again to resume', {
        procurementId: input.procurementId,
      });
    }
  }
}
