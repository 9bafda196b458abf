import type { AuditEventEntity, ProcurementFileEntity } from '@openactes/persistence';
import type { ProcurementDto } from './procurement.dto';

export function toProcurementDto(file: ProcurementFileEntity, events: AuditEventEntity[]): ProcurementDto {
  return {
    id: file.id,
    fileName: file.fileName,
    format: file.format,
    version: file.version,
    buyerSirens: file.buyerSirens,
    status: file.status,
    failure: file.failureCode ? { code: file.failureCode, message: file.failureMessage ?? '' } : null,
    report: file.report,
    payloadSha256: file.payloadSha256,
    workflowId: file.workflowId,
    receivedAt: file.createdAt.toISOString(),
    publishedAt: file.publishedAt?.toISOString() ?? null,
    steps: events.map((e) => ({ at: e.at.toISOString(), action: e.action, outcome: e.outcome, actor: e.actor, details: e.details })),
  };
}
