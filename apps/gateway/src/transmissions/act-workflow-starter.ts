import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { actEndedSignal, actWorkflowId, type ProcessActInput } from '@openactes/contracts';
import { CodedError, type ActStatus } from '@openactes/domain';
import type { processActWorkflow } from '@openactes/workflows';
import { AppSettings, type Settings } from '../common/app-settings';

const START_DEADLINE_MS = 5_000;

/** Starts (or joins) the one workflow of an act; its ID comes from the act's business key. */
@Injectable()
export class ActWorkflowStarter {
  constructor(
    private readonly temporal: Client,
    @Inject(AppSettings) private readonly settings: Settings,
  ) {}

  async start(input: ProcessActInput): Promise<void> {
    try {
      // Temporal down: the client would retry for about 20 s; the sender gets its 503 (send it again) within seconds instead.
      await this.temporal.withDeadline(Date.now() + START_DEADLINE_MS, () =>
        this.temporal.workflow.start<typeof processActWorkflow>('processActWorkflow', {
          workflowId: actWorkflowId(input.actKey),
          taskQueue: this.settings.temporal.taskQueue,
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      );
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return;
      throw new CodedError('SERVICE_UNAVAILABLE', 'The act was stored but its processing could not be started; send it again to resume', {
        actId: input.actId,
      });
    }
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
