import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const LICENCE = { id: 'lov2', title: 'Licence Ouverte / Open Licence version 2.0', url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/' } as const;

export class LicenceDto {
  @ApiProperty({ example: LICENCE.id }) id!: string;
  @ApiProperty({ example: LICENCE.title }) title!: string;
  @ApiProperty({ example: LICENCE.url }) url!: string;
}

export class DatasetSchemaDto {
  @ApiProperty({ example: 'scdl/deliberations' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() url!: string;
}

export class DatasetLinksDto {
  @ApiProperty({ description: 'Stable URL of the latest version, CSV' }) csv!: string;
  @ApiProperty({ description: 'Stable URL of the latest version, JSON' }) json!: string;
  @ApiProperty() versions!: string;
  @ApiProperty() records!: string;
  @ApiProperty() changes!: string;
  @ApiProperty() feed!: string;
}

export class DatasetVersionDto {
  @ApiProperty() number!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() rowCount!: number;
  @ApiProperty({ description: 'Records added or changed since the previous version' }) added!: number;
  @ApiProperty({ description: 'Records removed or changed since the previous version' }) removed!: number;
  @ApiProperty({ description: 'Source rows the schema refused: not published' }) quarantined!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { 'COLL_SIRET:required': 2 } }) quarantine!: Record<string, number>;
  @ApiProperty({ description: 'SHA-256 of the CSV file' }) csvSha256!: string;
  @ApiProperty() csvBytes!: number;
  @ApiProperty() jsonSha256!: string;
  @ApiProperty() jsonBytes!: number;
  @ApiProperty({ description: 'Immutable URL of this version, CSV' }) csv!: string;
  @ApiProperty({ description: 'Immutable URL of this version, JSON' }) json!: string;
}

export class DatasetPortalDto {
  @ApiProperty({ example: 'data.gouv.fr' }) portal!: string;
  @ApiProperty({ enum: ['publishing', 'published', 'failed'] }) status!: string;
  @ApiPropertyOptional({ nullable: true, description: "The dataset's page on the portal" }) url!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Last version the portal received' }) lastVersion!: number | null;
  @ApiPropertyOptional({ nullable: true, description: 'Code of the last failure (PORTAL_*)' }) code!: string | null;
}

export class DatasetDto {
  @ApiProperty({ example: 'deliberations-213500000' }) id!: string;
  @ApiProperty({ enum: ['deliberations', 'actes', 'budget', 'subventions', 'procurement'] }) type!: string;
  @ApiPropertyOptional({ nullable: true, description: 'Null for the consolidated dataset of the whole platform' }) siren!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [String] }) keywords!: string[];
  @ApiProperty({ type: LicenceDto }) licence!: LicenceDto;
  @ApiPropertyOptional({ type: DatasetSchemaDto, nullable: true }) schema!: DatasetSchemaDto | null;
  @ApiProperty({ type: [String], description: 'Columns, in schema order' }) fields!: readonly string[];
  @ApiProperty() createdAt!: string;
  @ApiProperty() modifiedAt!: string;
  @ApiPropertyOptional({ type: DatasetVersionDto, nullable: true }) latestVersion!: DatasetVersionDto | null;
  @ApiProperty({ type: DatasetLinksDto }) links!: DatasetLinksDto;
  @ApiProperty({ type: [DatasetPortalDto], description: 'Where the dataset stands on each portal that takes it' }) portals!: DatasetPortalDto[];
}

export class DatasetPageDto {
  @ApiProperty({ type: [DatasetDto] }) items!: DatasetDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: LicenceDto }) licence!: LicenceDto;
}

export class DatasetRecordDto {
  @ApiProperty({ description: 'Stable key of the record (an act id, a budget line…)' }) key!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) row!: Record<string, string>;
}

export class DatasetRecordPageDto {
  @ApiProperty() datasetId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: [DatasetRecordDto] }) items!: DatasetRecordDto[];
  @ApiPropertyOptional({ nullable: true, description: 'Pass as `cursor` for the next page; null on the last one' }) nextCursor!: string | null;
  @ApiPropertyOptional({ nullable: true }) next!: string | null;
}

export class DatasetChangesDto {
  @ApiProperty() datasetId!: string;
  @ApiProperty({ description: 'Version the changes are counted from (exclusive)' }) from!: number;
  @ApiProperty({ description: 'Latest version (inclusive)' }) to!: number;
  @ApiProperty({ type: [String] }) added!: string[];
  @ApiProperty({ type: [String], description: 'Records whose content changed (e.g. the prefecture date arrived)' }) changed!: string[];
  @ApiProperty({ type: [String], description: 'Records withdrawn (cancelled acts, unpublished records)' }) removed!: string[];
}
