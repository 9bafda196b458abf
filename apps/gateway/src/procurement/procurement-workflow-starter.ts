import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { procurementWorkflowId, type ProcessProcurementInput } from '@openactes/contracts';
import { AppSettings, type Settings } from '../common/app-settings';
import { startOrJoin } from '../common/start-workflow';

/** Starts (or joins) the one workflow of a DECP file; its ID comes from the file's SHA-256. */
@Injectable()
export class ProcurementWorkflowStarter {
  constructor(
    private readonly temporal: Client,
    @Inject(AppSettings) private readonly settings: Settings,
  ) {}

  async start(input: ProcessProcurementInput): Promise<void> {
    await startOrJoin(this.temporal, 'processProcurementWorkflow', { workflowId: procurementWorkflowId(input.payloadSha256), taskQueue: this.settings.temporal.taskQueue, args: [input] }, {
      message: 'The file was stored but its processing could not be started; send it again to resume',
      details: { procurementId: input.procurementId },
    });
  }
}
