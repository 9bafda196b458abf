import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BUDGET_STATUSES, type BudgetStatus } from '@openactes/domain';

export class BudgetAcceptedDto {
  @ApiProperty() budgetId!: string;
  @ApiProperty({ enum: BUDGET_STATUSES }) status!: BudgetStatus;
}

export class BudgetFailureDto {
  @ApiProperty({ example: 'MISSING_ACCOUNT_PLAN' }) code!: string;
  @ApiProperty() message!: string;
}

export class DatasetRowCountsDto {
  @ApiProperty({ description: 'Source lines (LigneBudget or CONCOURS)' }) read!: number;
  @ApiProperty() published!: number;
  @ApiProperty({ description: 'Rows the schema refuses: kept with their errors, never published' }) quarantined!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { 'dateConvention:required': 36 } })
  quarantineReasons!: Record<string, number>;
}

export class DroppedLinesDto {
  @ApiProperty({ description: 'Totals computed by the tools (calculated="true")' }) calculated!: number;
  @ApiProperty({ description: 'Lines without an account (Nature)' }) noNature!: number;
}

export class BudgetLineCountsDto extends DatasetRowCountsDto {
  @ApiProperty({ type: DroppedLinesDto }) dropped!: DroppedLinesDto;
}

export class BudgetCountsDto {
  @ApiProperty({ type: BudgetLineCountsDto }) budget!: BudgetLineCountsDto;
  @ApiProperty({ type: DatasetRowCountsDto }) subventions!: DatasetRowCountsDto;
}

export class BudgetStepDto {
  @ApiProperty() at!: string;
  @ApiProperty({ example: 'budget.converted' }) action!: string;
  @ApiProperty({ enum: ['ok', 'failed', 'rejected', 'retrying'] }) outcome!: string;
  @ApiProperty({ example: 'system:worker' }) actor!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
}

export class BudgetDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: '21560046100010-2022-01-00', description: 'SIRET-exercice-NatDec-CodBud' }) budgetKey!: string;
  @ApiProperty() siren!: string;
  @ApiProperty() siret!: string;
  @ApiProperty({ example: 2022 }) year!: number;
  @ApiProperty({ example: '01', description: 'TOTEM NatDec: 01 BP, 02 DM, 03 BS, 09 CA, 10 CFU' }) natDec!: string;
  @ApiProperty({ example: 'budget primitif', description: 'SCDL BGT_NATDEC (a CFU is published as the compte administratif)' }) stage!: string;
  @ApiProperty({ example: '00' }) budgetCode!: string;
  @ApiProperty({ example: 'M57-M57_A' }) nomenclature!: string;
  @ApiProperty({ enum: ['budget', 'cfu'] }) kind!: string;
  @ApiProperty() collectivityName!: string;
  @ApiPropertyOptional({ nullable: true }) budgetName!: string | null;
  @ApiProperty({ enum: BUDGET_STATUSES }) status!: BudgetStatus;
  @ApiPropertyOptional({ type: BudgetFailureDto, nullable: true }) failure!: BudgetFailureDto | null;
  @ApiPropertyOptional({ type: BudgetCountsDto, nullable: true, description: 'Null until converted' }) counts!: BudgetCountsDto | null;
  @ApiProperty({ type: [String] }) warnings!: string[];
  @ApiPropertyOptional({ nullable: true, description: 'The budget act whose ACTES archive carried the flux' }) actId!: string | null;
  @ApiProperty() payloadSha256!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty() receivedAt!: string;
  @ApiPropertyOptional({ nullable: true }) publishedAt!: string | null;
  @ApiProperty({ type: [BudgetStepDto] }) steps!: BudgetStepDto[];
}
