import { NATDEC_TO_SCDL } from '@openactes/formats';
import type { AuditEventEntity, BudgetEntity } from '@openactes/persistence';
import type { BudgetDto } from './budget.dto';

export function toBudgetDto(budget: BudgetEntity, events: AuditEventEntity[]): BudgetDto {
  return {
    id: budget.id,
    budgetKey: budget.budgetKey,
    siren: budget.siren,
    siret: budget.siret,
    year: budget.year,
    natDec: budget.natDec,
    stage: NATDEC_TO_SCDL[budget.natDec] ?? budget.natDec,
    budgetCode: budget.budgetCode,
    nomenclature: budget.nomenclature,
    kind: budget.kind,
    collectivityName: budget.collectivityName,
    budgetName: budget.budgetName,
    status: budget.status,
    failure: budget.failureCode ? { code: budget.failureCode, message: budget.failureMessage ?? '' } : null,
    counts: budget.counts,
    warnings: budget.warnings,
    actId: budget.actId,
    payloadSha256: budget.payloadSha256,
    workflowId: budget.workflowId,
    receivedAt: budget.createdAt.toISOString(),
    publishedAt: budget.publishedAt?.toISOString() ?? null,
    steps: events.map((e) => ({ at: e.at.toISOString(), action: e.action, outcome: e.outcome, actor: e.actor, details: e.details })),
  };
}
