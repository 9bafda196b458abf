import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BUDGET_STATUSES, type BudgetStatus } from '@openactes/domain';

export class SubventionFileAcceptedDto {
  @ApiProperty() subventionFileId!: string;
  @ApiProperty({ enum: BUDGET_STATUSES }) status!: BudgetStatus;
}

export class SubventionFailureDto {
  @ApiProperty({ example: 'INVALID_CSV' }) code!: string;
  @ApiProperty() message!: string;
}

export class SubventionProblemDto {
  @ApiPropertyOptional({ nullable: true, example: 'idAttribuant' }) column!: string | null;
  @ApiProperty({ example: 'siret' }) code!: string;
}

export class QuarantinedSubventionRowDto {
  @ApiProperty({ description: '1-based data row' }) position!: number;
  @ApiProperty({ description: '1-based line of the file' }) line!: number;
  @ApiProperty({ type: [SubventionProblemDto] }) errors!: SubventionProblemDto[];
}

export class SubventionReportDto {
  @ApiProperty() source!: string;
  @ApiProperty({ enum: ['utf-8', 'windows-1252'] }) encoding!: string;
  @ApiProperty({ enum: [',', ';', '\t'] }) separator!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { COLL_SIRET: 'idAttribuant' } }) renamedColumns!: Record<string, string>;
  @ApiProperty({ type: [String], description: 'Columns that map to no SCDL 2.1.1 field: left out' }) ignoredColumns!: string[];
  @ApiProperty({ type: [SubventionProblemDto], description: 'Header problems: any of them quarantines every row' }) headerErrors!: SubventionProblemDto[];
  @ApiProperty({ description: 'Data rows in the file (blank lines left out)' }) read!: number;
  @ApiProperty({ description: 'Rows published' }) published!: number;
  @ApiProperty({ description: 'Rows quarantined' }) quarantined!: number;
  @ApiProperty({ description: 'Published rows that needed a repair' }) repairedRows!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { 'decimal-comma': 13 } }) repairsByRule!: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { 'siret:idBeneficiaire': 2 }, description: 'Problems of the quarantined rows, by code:column' })
  reasons!: Record<string, number>;
  @ApiProperty({ type: [QuarantinedSubventionRowDto], description: 'The first 1000 quarantined rows' }) quarantinedRows!: QuarantinedSubventionRowDto[];
  @ApiProperty({ description: 'Rows repeating an earlier row of the file (same idAttribuant, dateConvention, beneficiary, objet, montant): merged' }) duplicatesMerged!: number;
}

export class SubventionStepDto {
  @ApiProperty() at!: string;
  @ApiProperty({ example: 'subventions.normalised' }) action!: string;
  @ApiProperty({ enum: ['ok', 'failed', 'rejected', 'retrying'] }) outcome!: string;
  @ApiProperty({ example: 'system:worker' }) actor!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
}

export class SubventionFileDto {
  @ApiProperty() id!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty({ type: [String], description: 'SIRENs of the granting authorities the file names' }) attribuantSirens!: string[];
  @ApiProperty({ enum: BUDGET_STATUSES }) status!: BudgetStatus;
  @ApiPropertyOptional({ type: SubventionFailureDto, nullable: true }) failure!: SubventionFailureDto | null;
  @ApiPropertyOptional({ type: SubventionReportDto, nullable: true, description: 'Null until normalised' }) report!: SubventionReportDto | null;
  @ApiProperty() payloadSha256!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty() receivedAt!: string;
  @ApiPropertyOptional({ nullable: true }) publishedAt!: string | null;
  @ApiProperty({ type: [SubventionStepDto] }) steps!: SubventionStepDto[];
}
