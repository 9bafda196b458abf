import { Injectable, Logger } from '@nestjs/common';
import type { PlatformPrincipal } from '@openactes/domain';
import { ArchiveIngestion, type IngestionOutcome, type ReceivedArchive } from '@openactes/ingestion';
import { ActStore, AuditLog, PayloadStore, TenantStore } from '@openactes/persistence';
import { BudgetsService } from '../budgets/budgets.service';
import { DatasetNotifier } from '../common/dataset-notifier';
import { ActWorkflowStarter } from './act-workflow-starter';

@Injectable()
export class TransmissionsService {
  private readonly logger = new Logger('transmissions');
  private readonly ingestion: ArchiveIngestion;

  constructor(payloads: PayloadStore, acts: ActStore, audit: AuditLog, tenants: TenantStore, starter: ActWorkflowStarter, budgets: BudgetsService, datasets: DatasetNotifier) {
    this.ingestion = new ArchiveIngestion({
      payloads,
      acts,
      audit,
      startAct: (input) => starter.start(input),
      endAct: (act) => starter.signalEnded(act),
      tenants,
      // The TOTEM flux of a budget act also enters as a budget.
      receiveBudget: (input, principal) => budgets.receive(input, principal),
      datasets,
    });
  }

  async receive(input: ReceivedArchive, principal: PlatformPrincipal): Promise<IngestionOutcome> {
    const outcome = await this.ingestion.receive(input, principal);
    this.logger.log(`transmission ${outcome.transmissionId}: ${outcome.acts.length} act(s), new=${outcome.isNew}`);
    return outcome;
  }
}
