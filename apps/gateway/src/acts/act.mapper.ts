import type { ActEntity, AuditEventEntity, DocumentEntity, PublishedDocument } from '@openactes/persistence';
import type { ActDto } from './act.dto';

/**
 * `original`: whether the reader may see the objet as the collectivity wrote it (an
 * authenticated platform); anyone else sees only its pseudonymised form, once it exists.
 */
export function toActDto(
  act: ActEntity,
  documents: DocumentEntity[],
  events: AuditEventEntity[],
  original: boolean,
  published: PublishedDocument[] = [],
  datasetVersions: ActDto['datasetVersions'] = [],
): ActDto {
  return {
    id: act.id,
    actKey: act.actKey,
    siren: act.siren,
    numeroInterne: act.numeroInterne,
    decisionDate: act.decisionDate,
    nature: act.nature,
    classificationCode: act.classificationCode,
    objet: original ? act.objet : act.publishedObjet,
    publishedObjet: act.publishedObjet,
    anonymisation: act.anonymisation,
    publication: act.publication,
    status: act.status,
    failure: act.failureCode ? { code: act.failureCode, message: act.failureMessage ?? '' } : null,
    publishedAt: act.publishedAt?.toISOString() ?? null,
    transmissionId: act.transmissionId,
    workflowId: act.workflowId,
    warnings: act.warnings,
    documents: documents.map((d) => ({
      id: d.id,
      role: d.role,
      fileName: d.fileName,
      pieceType: d.pieceType,
      mediaType: d.mediaType,
      sha256: d.sha256,
      sizeBytes: d.sizeBytes,
      pageCount: d.pageCount,
      publish: d.publish,
    })),
    publishedDocuments: published.map((d) => ({
      id: d.id,
      url: `/api/v1/acts/${act.id}/documents/${d.id}`,
      mediaType: 'application/pdf',
      publishedAs: d.publishedAs,
      sha256: d.sha256,
      sizeBytes: d.size,
      publishedAt: d.publishedAt.toISOString(),
    })),
    datasetVersions,
    steps: events.map((e) => ({ at: e.at.toISOString(), action: e.action, outcome: e.outcome, actor: e.actor, details: e.details })),
  };
}
