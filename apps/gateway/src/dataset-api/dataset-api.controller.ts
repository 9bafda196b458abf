import { Controller, Get, Head, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CodedError } from '@openactes/domain';
import type { RecordFilter } from '@openactes/persistence';
import type { Request, Response } from 'express';
import { DatasetChangesDto, DatasetDto, DatasetPageDto, DatasetRecordPageDto, DatasetVersionDto } from './dataset-api.dto';
import { DatasetApiService } from './dataset-api.service';
import { Roles } from '../common/roles';

const LICENCE_NOTE = 'Licence Ouverte 2.0.';

/** Versioned datasets for reusers: catalogue, versions, records, changes and files. No login. */
@ApiTags('datasets')
@Roles('public')
@Controller('api/v1/datasets')
export class DatasetApiController {
  constructor(private readonly api: DatasetApiService) {}

  @Get()
  @ApiOperation({ summary: `The catalogue: one dataset per type for the whole platform, and one per type × collectivity. ${LICENCE_NOTE}` })
  @ApiQuery({ name: 'type', required: false, enum: ['deliberations', 'actes', 'budget', 'subventions', 'procurement'] })
  @ApiQuery({ name: 'siren', required: false })
  @ApiQuery({ name: 'page', required: false, description: '1-based' })
  @ApiQuery({ name: 'pageSize', required: false, description: '1 to 100, default 20' })
  @ApiOkResponse({ type: DatasetPageDto })
  catalogue(@Query('type') type?: string, @Query('siren') siren?: string, @Query('page') page?: string, @Query('pageSize') pageSize?: string): Promise<DatasetPageDto> {
    return this.api.catalogue({ type, siren: sirenParam(siren) }, intParam('page', page, 1, 1, 100_000), intParam('pageSize', pageSize, 20, 1, 100));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A dataset: its description, schema, licence, latest version and links' })
  @ApiParam({ name: 'id', example: 'deliberations-213500000' })
  @ApiOkResponse({ type: DatasetDto })
  dataset(@Param('id') id: string): Promise<DatasetDto> {
    return this.api.dataset(id);
  }

  @Get(':id/versions')
  @ApiOperation({ summary: 'Every version, newest first: content hash, row count, records added and removed, quarantined rows and why' })
  @ApiOkResponse({ type: [DatasetVersionDto] })
  versions(@Param('id') id: string): Promise<DatasetVersionDto[]> {
    return this.api.versions(id);
  }

  @Get(':id/latest.csv')
  @Head(':id/latest.csv')
  @ApiOperation({ summary: `Stable URL of the latest version, CSV (UTF-8, comma, header in schema order), streamed. ETag = SHA-256 of the file. ${LICENCE_NOTE}` })
  @ApiProduces('text/csv')
  latestCsv(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.api.sendFile(req, res, id, 'latest', 'csv');
  }

  @Get(':id/latest.json')
  @Head(':id/latest.json')
  @ApiOperation({ summary: `Stable URL of the latest version, JSON (an array of objects with the schema's keys), streamed. ${LICENCE_NOTE}` })
  @ApiProduces('application/json')
  latestJson(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.api.sendFile(req, res, id, 'latest', 'json');
  }

  @Get(':id/versions/:file')
  @Head(':id/versions/:file')
  @ApiOperation({ summary: `One version's file, immutable: \`<number>.csv\` or \`<number>.json\`. ${LICENCE_NOTE}` })
  @ApiParam({ name: 'file', example: '3.csv' })
  @ApiProduces('text/csv', 'application/json')
  versionFile(@Param('id') id: string, @Param('file') file: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const m = /^(\d{1,9})\.(csv|json)$/.exec(file);
    if (!m) throw new CodedError('NOT_FOUND', 'A version file is <number>.csv or <number>.json', { file });
    return this.api.sendFile(req, res, id, Number(m[1]), m[2] as 'csv' | 'json');
  }

  @Get(':id/feed.atom')
  @ApiOperation({ summary: "Atom feed of a dataset's versions (what each added and removed), newest first" })
  @ApiProduces('application/atom+xml')
  async feed(@Param('id') id: string, @Res() res: Response): Promise<void> {
    res.type('application/atom+xml').send(await this.api.feed(id));
  }

  @Get(':id/records')
  @ApiOperation({
    summary: 'Records of the latest version (or of `version`), by cursor, with filters and full-text search',
    description:
      '`q` searches the published (pseudonymised) objet and text with French stemming, accents ignored (PostgreSQL websearch syntax: words, "phrases", -exclusions, or). ' +
      '`matiere` takes a family (`7`) or a code (`7.1`). Dates are YYYY-MM-DD.',
  })
  @ApiQuery({ name: 'siren', required: false })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'nature', required: false, description: 'ACTES nature: DE, AR, AI, CC, BF, AU (DECP: the contract nature)' })
  @ApiQuery({ name: 'matiere', required: false })
  @ApiQuery({ name: 'year', required: false })
  @ApiQuery({ name: 'q', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 1000, default 100' })
  @ApiQuery({ name: 'version', required: false })
  @ApiOkResponse({ type: DatasetRecordPageDto })
  records(@Param('id') id: string, @Query() query: Record<string, string | undefined>): Promise<DatasetRecordPageDto> {
    const filter: RecordFilter = {
      siren: sirenParam(query.siren),
      from: dateParam('from', query.from),
      to: dateParam('to', query.to),
      nature: match('nature', query.nature, /^[A-Za-z -]{2,40}$/),
      matiere: match('matiere', query.matiere, /^\d{1,2}(\.\d{1,2})?$/),
      year: query.year === undefined ? undefined : intParam('year', query.year, 0, 1900, 2200),
      q: query.q === undefined ? undefined : match('q', query.q.trim(), /^.{1,200}$/s),
    };
    const cursor = query.cursor === undefined ? null : match('cursor', query.cursor, /^.{1,300}$/s)!;
    const version = query.version === undefined ? undefined : intParam('version', query.version, 0, 1, 1_000_000_000);
    return this.api.records(id, filter, cursor, intParam('limit', query.limit, 100, 1, 1000), version);
  }

  @Get(':id/changes')
  @ApiOperation({ summary: 'What was added, changed and withdrawn since a version number or a date, up to the latest version' })
  @ApiQuery({ name: 'since', required: true, description: 'A version number (exclusive) or an ISO 8601 date' })
  @ApiOkResponse({ type: DatasetChangesDto })
  changes(@Param('id') id: string, @Query('since') since?: string): Promise<DatasetChangesDto> {
    if (!since) throw new CodedError('VALIDATION_FAILED', 'since is required (a version number or an ISO 8601 date)');
    return this.api.changes(id, since);
  }
}

function intParam(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new CodedError('VALIDATION_FAILED', `${name} must be an integer from ${min} to ${max}`, { [name]: raw });
  return n;
}

function match(name: string, raw: string | undefined, pattern: RegExp): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!pattern.test(raw)) throw new CodedError('VALIDATION_FAILED', `${name} is not valid`, { [name]: raw });
  return raw;
}

function sirenParam(raw: string | undefined): string | undefined {
  return match('siren', raw, /^\d{9}$/);
}

function dateParam(name: string, raw: string | undefined): string | undefined {
  const value = match(name, raw, /^\d{4}-\d{2}-\d{2}$/);
  if (value && Number.isNaN(Date.parse(value))) throw new CodedError('VALIDATION_FAILED', `${name} is not a date`, { [name]: raw });
  return value;
}
