import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { subventionFileWorkflowId, type ProcessSubventionFileInput } from '@openactes/contracts';
import { AppSettings, type Settings } from '../common/app-settings';
import { startOrJoin } from '../common/start-workflow';

/** Starts (or joins) the one workflow of a subventions file; its ID comes from the file's SHA-256. */
@Injectable()
export class SubventionWorkflowStarter {
  constructor(
    private readonly temporal: Client,
    @Inject(AppSettings) private readonly settings: Settings,
  ) {}

  async start(input: ProcessSubventionFileInput): Promise<void> {
    await startOrJoin(this.temporal, 'processSubventionFileWorkflow', { workflowId: subventionFileWorkflowId(input.payloadSha256), taskQueue: this.settings.temporal.taskQueue, args: [input] }, {
      message: 'The file was stored but its processing could not be started; send it again to resume',
      details: { subventionFileId: input.subventionFileId },
    });
  }
}
