import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BUDGET_STATUSES, type BudgetStatus } from '@openactes/domain';

export class ProcurementAcceptedDto {
  @ApiProperty() procurementId!: string;
  @ApiProperty({ enum: BUDGET_STATUSES }) status!: BudgetStatus;
}

export class ProcurementFailureDto {
  @ApiProperty({ example: 'INVALID_DECP' }) code!: string;
  @ApiProperty() message!: string;
}

export class ProcurementRejectionDto {
  @ApiProperty({ example: 'decp.json#/marches/marche/0', description: 'The file name and the JSON Pointer of the record' }) recordId!: string;
  @ApiProperty({ example: 'invalid-siret' }) rule!: string;
  @ApiProperty({ example: '/titulaires/0/titulaire/id' }) path!: string;
  @ApiProperty({ description: 'The offending value, as found after repairs' }) value!: unknown;
}

export class ProcurementReportDto {
  @ApiProperty() source!: string;
  @ApiProperty({ enum: ['2.0', '1.5'] }) version!: string;
  @ApiProperty({ description: 'Records in the file' }) read!: number;
  @ApiProperty({ description: 'Records kept without any change' }) valid!: number;
  @ApiProperty({ description: 'Records kept after repairs' }) repaired!: number;
  @ApiProperty({ description: 'Records kept (valid + repaired), published with the file' }) accepted!: number;
  @ApiProperty({ description: 'Records left out' }) rejected!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { 'text-whitespace': 5 } }) repairsByRule!: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { 'invalid-siret': 2 } }) rejectionsByRule!: Record<string, number>;
  @ApiProperty({ type: [ProcurementRejectionDto], description: 'The problems of the rejected records (the first 1000)' }) rejections!: ProcurementRejectionDto[];
  @ApiProperty({ description: 'Kept records that were another version of a contract in the same file' }) duplicatesMerged!: number;
  @ApiProperty({ description: 'Contracts of the file already published from earlier files, merged with them' }) mergedWithPublished!: number;
}

export class ProcurementStepDto {
  @ApiProperty() at!: string;
  @ApiProperty({ example: 'procurement.normalised' }) action!: string;
  @ApiProperty({ enum: ['ok', 'failed', 'rejected', 'retrying'] }) outcome!: string;
  @ApiProperty({ example: 'system:worker' }) actor!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
}

export class ProcurementDto {
  @ApiProperty() id!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty({ enum: ['json', 'xml'] }) format!: string;
  @ApiProperty({ enum: ['2.0', '1.5'] }) version!: string;
  @ApiProperty({ type: [String], description: 'SIRENs of the buyers the file names' }) buyerSirens!: string[];
  @ApiProperty({ enum: BUDGET_STATUSES }) status!: BudgetStatus;
  @ApiPropertyOptional({ type: ProcurementFailureDto, nullable: true }) failure!: ProcurementFailureDto | null;
  @ApiPropertyOptional({ type: ProcurementReportDto, nullable: true, description: 'Null until normalised' }) report!: ProcurementReportDto | null;
  @ApiProperty() payloadSha256!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty() receivedAt!: string;
  @ApiPropertyOptional({ nullable: true }) publishedAt!: string | null;
  @ApiProperty({ type: [ProcurementStepDto] }) steps!: ProcurementStepDto[];
}
