import type { AuditEventEntity, SubventionFileEntity } from '@openactes/persistence';
import type { SubventionFileDto } from './subventions.dto';

export function toSubventionFileDto(file: SubventionFileEntity, events: AuditEventEntity[]): SubventionFileDto {
  const report = file.report && { ...file.report, headerErrors: file.report.headerErrors.map(({ column, code }) => ({ column, code })) };
  return {
    id: file.id,
    fileName: file.fileName,
    attribuantSirens: file.attribuantSirens,
    status: file.status,
    failure: file.failureCode ? { code: file.failureCode, message: file.failureMessage ?? '' } : null,
    report,
    payloadSha256: file.payloadSha256,
    workflowId: file.workflowId,
    receivedAt: file.createdAt.toISOString(),
    publishedAt: file.publishedAt?.toISOString() ?? null,
    steps: events.map((e) => ({ at: e.at.toISOString(), action: e.action, outcome: e.outcome, actor: e.actor, details: e.details })),
  };
}
