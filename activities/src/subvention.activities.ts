import { Context } from '@temporalio/activity';
import { datasetIdsFor, type DatasetChangeNotifier, type SubventionActivities, type SubventionFileFailure, type SubventionFileRef } from '@openactes/contracts';
import { canTransitionBudget, CodedError } from '@openactes/domain';
import { normaliseSubventions } from '@openactes/formats';
import type { AuditLog, PayloadStore, SubventionStore } from '@openactes/persistence';
import { auditedSteps } from './audited-step';

export interface SubventionActivityDeps {
  subventions: SubventionStore;
  payloads: PayloadStore;
  audit: AuditLog;
  /** Tells the subventions datasets (platform and each granting authority's) a file entered them. */
  datasets?: DatasetChangeNotifier;
}

const ACTOR = 'system:worker';

export function createSubventionActivities({ subventions, payloads, audit, datasets }: SubventionActivityDeps): SubventionActivities {
  const step = auditedSteps(audit, ACTOR, 'subventions', (input: SubventionFileRef) => input.subventionFileId);

  return {
    startSubventionProcessing: step('subventions.processing_started', async ({ subventionFileId }) => {
      const attempt = Context.current().info.attempt;
      const { status } = await subventions.transition(subventionFileId, 'processing', 'subventions.processing_started', ACTOR, { details: { attempt } });
      return { status };
    }),

    normaliseSubventionFile: step('subventions.normalised', async ({ subventionFileId }) => {
      const file = await subventions.get(subventionFileId);
      const bytes = await payloads.content(file.payloadSha256);
      if (!bytes) throw new CodedError('NOT_FOUND', `The payload ${file.payloadSha256} of subventions file ${subventionFileId} is gone`, { subventionFileId });
      const { rows, report } = normaliseSubventions(bytes, file.fileName);
      await subventions.saveNormalisation(subventionFileId, rows, report, ACTOR);
      const { read, published, quarantined, duplicatesMerged } = report;
      return { read, published, quarantined, duplicatesMerged };
    }),

    publishSubventionFile: step('subventions.published', async ({ subventionFileId }) => {
      const { status } = await subventions.transition(subventionFileId, 'published', 'subventions.published', ACTOR);
      const sirens = await subventions.publishedSirens(subventionFileId);
      if (sirens.length) {
        const ids = new Set(sirens.flatMap((siren) => datasetIdsFor(['subventions'], siren)));
        await datasets?.changed([...ids], { reason: 'subventions.published', subjectId: subventionFileId });
      }
      return { status };
    }),

    failSubventionFile: step('subventions.failed', async ({ subventionFileId, code, message }: SubventionFileFailure) => {
      const file = await subventions.get(subventionFileId);
      if (!canTransitionBudget(file.status, 'failed')) return;
      await subventions.transition(subventionFileId, 'failed', 'subventions.failed', ACTOR, { failure: { code, message } });
    }),
  };
}
