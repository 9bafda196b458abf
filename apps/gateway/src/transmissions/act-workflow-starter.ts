import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { actEndedSignal, actWorkflowId, type ProcessActInput } from '@openactes/contracts';
import type { ActStatus } from '@openactes/domain';
import { AppSettings, type Settings } from '../common/app-settings';
import { startOrJoin } from '../common/start-workflow';

/** Starts (or joins) the one workflow of an act; its ID comes from the act's business key. */
@Injectable()
export class ActWorkflowStarter {
  constructor(
    private readonly temporal: Client,
    @Inject(AppSettings) private readonly settings: Settings,
  ) {}

  async start(input: ProcessActInput): Promise<void> {
    await startOrJoin(this.temporal, 'processActWorkflow', { workflowId: actWorkflowId(input.actKey), taskQueue: this.settings.temporal.taskQueue, args: [input] }, {
      message: 'The act was stored but its processing could not be started; send it again to resume',
      details: { actId: input.actId },
    });
  }


  /**
   * The act was rejected or cancelled: its workflow, if it still waits (for a reviewer), ends
   * without publishing. The lifecycle change is already stored, so a failure here is only logged;
   * a finished workflow has nothing to stop.
   */
  async signalEnded(act: { actId: string; workflowId: string; status: ActStatus; actor: string }): Promise<void> {
    try {
      await this.temporal.workflow.getHandle(act.workflowId).signal(actEndedSignal, { status: act.status, actor: act.actor });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return;
      this.logger.warn(`act ${act.actId}: could not tell workflow ${act.workflowId} the act ended (${err instanceof Error ? err.name : 'error'})`);
    }
  }

  private readonly logger = new Logger('act-workflows');
}
