import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACT_STATUSES, type ActStatus } from '@openactes/domain';
import type { ActAnonymisation, ActEntity } from '@openactes/persistence';

export class ActFailureDto {
  @ApiProperty({ example: 'UNREADABLE_PDF' }) code!: string;
  @ApiProperty() message!: string;
}

export class ActDocumentDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['main', 'annex'] }) role!: string;
  @ApiProperty() fileName!: string;
  @ApiPropertyOptional({ nullable: true, example: '99_DE' }) pieceType!: string | null;
  @ApiProperty({ example: 'application/pdf' }) mediaType!: string;
  @ApiProperty() sha256!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiPropertyOptional({ nullable: true }) pageCount!: number | null;
  @ApiPropertyOptional({ nullable: true, description: 'Whether this file may be published with its act (policy or an administrator); null until decided' })
  publish!: boolean | null;
}

export class PublishedDocumentDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: '/api/v1/acts/3f6c…/documents/9a1e…', description: 'Path of the published file, relative to the API' }) url!: string;
  @ApiProperty({ example: 'application/pdf' }) mediaType!: string;
  @ApiProperty({ enum: ['original', 'regenerated'], description: 'original: the file as transmitted (nothing redacted in it); regenerated: a PDF of the pseudonymised text' })
  publishedAs!: 'original' | 'regenerated';
  @ApiProperty({ description: 'sha256 of the bytes served (also the ETag)' }) sha256!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty() publishedAt!: string;
}

export class ActStepDto {
  @ApiProperty() at!: string;
  @ApiProperty({ example: 'act.text_extracted' }) action!: string;
  @ApiProperty({ enum: ['ok', 'failed', 'rejected', 'retrying'] }) outcome!: string;
  @ApiProperty({ example: 'system:worker' }) actor!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
}

export class ActDatasetVersionsDto {
  @ApiProperty({ example: 'deliberations-213500000' }) datasetId!: string;
  @ApiProperty({ description: 'First version the act appears in' }) fromVersion!: number;
  @ApiPropertyOptional({ nullable: true, description: 'Last version it appears in; null while it is in the latest' }) toVersion!: number | null;
}

export class ActDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: '213502388-20260305-2026_014-DE' }) actKey!: string;
  @ApiProperty() siren!: string;
  @ApiProperty() numeroInterne!: string;
  @ApiProperty({ example: '2026-03-05' }) decisionDate!: string;
  @ApiProperty({ enum: ['DE', 'AR', 'AI', 'CC', 'BF', 'AU'] }) nature!: string;
  @ApiProperty({ example: '7.1' }) classificationCode!: string;
  @ApiPropertyOptional({ nullable: true, description: 'As written, for an authenticated platform; otherwise the pseudonymised objet (null until anonymised)' })
  objet!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'The objet as published, private persons replaced by placeholders' })
  publishedObjet!: string | null;
  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: true, description: 'decision (publish/review), reasons, number of redactions, review' })
  anonymisation!: ActAnonymisation | null;
  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: true, description: 'The publication policy: act (publish, withhold, review) and reasons' })
  publication!: ActEntity['publication'];
  @ApiProperty({ enum: ACT_STATUSES }) status!: ActStatus;
  @ApiPropertyOptional({ type: ActFailureDto, nullable: true }) failure!: ActFailureDto | null;
  @ApiPropertyOptional({ nullable: true }) publishedAt!: string | null;
  @ApiProperty() transmissionId!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ type: [String] }) warnings!: string[];
  @ApiProperty({ type: [ActDocumentDto] }) documents!: ActDocumentDto[];
  @ApiProperty({ type: [PublishedDocumentDto], description: 'The files published with the act (empty unless it is published)' }) publishedDocuments!: PublishedDocumentDto[];
  @ApiProperty({ type: [ActDatasetVersionsDto], description: 'The dataset versions the act appears in (its online publication is `publishedAt`)' })
  datasetVersions!: ActDatasetVersionsDto[];
  @ApiProperty({ type: [ActStepDto] }) steps!: ActStepDto[];
}
