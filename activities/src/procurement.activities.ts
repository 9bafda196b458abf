import { Context } from '@temporalio/activity';
import { datasetIdsFor, type DatasetChangeNotifier, type ProcurementActivities, type ProcurementFailure, type ProcurementRef } from '@openactes/contracts';
import { canTransitionBudget, CodedError } from '@openactes/domain';
import { decpReport, normaliseDecp, readDecp } from '@openactes/formats';
import type { AuditLog, PayloadStore, ProcurementStore } from '@openactes/persistence';
import { auditedSteps } from './audited-step';
import { procurementReport } from './procurement-report';

export interface ProcurementActivityDeps {
  procurements: ProcurementStore;
  payloads: PayloadStore;
  audit: AuditLog;
  /** Tells the procurement datasets (platform and each buyer's) a file entered them. */
  datasets?: DatasetChangeNotifier;
}

const ACTOR = 'system:worker';

export function createProcurementActivities({ procurements, payloads, audit, datasets }: ProcurementActivityDeps): ProcurementActivities {
  const step = auditedSteps(audit, ACTOR, 'procurement', (input: ProcurementRef) => input.procurementId);

  return {
    startProcurementProcessing: step('procurement.processing_started', async ({ procurementId }) => {
      const attempt = Context.current().info.attempt;
      const { status } = await procurements.transition(procurementId, 'processing', 'procurement.processing_started', ACTOR, { details: { attempt } });
      return { status };
    }),

    normaliseProcurement: step('procurement.normalised', async ({ procurementId }) => {
      const file = await procurements.get(procurementId);
      const bytes = await payloads.content(file.payloadSha256);
      if (!bytes) throw new CodedError('NOT_FOUND', `The DECP payload ${file.payloadSha256} of file ${procurementId} is gone`, { procurementId });
      const doc = readDecp(bytes, file.fileName);
      // "In the future" means after the file was received, so a retry judges the file as its first run did.
      const normalised = normaliseDecp(doc, { today: file.createdAt.toISOString().slice(0, 10) });
      const report = await procurements.saveNormalisation(procurementId, normalised.records, procurementReport(decpReport(doc, normalised)), ACTOR);
      const { read, accepted, rejected, duplicatesMerged, mergedWithPublished } = report;
      return { read, accepted, rejected, duplicatesMerged, mergedWithPublished };
    }),

    publishProcurement: step('procurement.published', async ({ procurementId }) => {
      const { status, buyerSirens } = await procurements.transition(procurementId, 'published', 'procurement.published', ACTOR);
      const ids = new Set(buyerSirens.flatMap((siren) => datasetIdsFor(['procurement'], siren)));
      await datasets?.changed([...ids], { reason: 'procurement.published', subjectId: procurementId });
      return { status };
    }),

    failProcurement: step('procurement.failed', async ({ procurementId, code, message }: ProcurementFailure) => {
      const file = await procurements.get(procurementId);
      if (!canTransitionBudget(file.status, 'failed')) return;
      await procurements.transition(procurementId, 'failed', 'procurement.failed', ACTOR, { failure: { code, message } });
    }),
  };
}
