import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CodedError } from '@openactes/domain';
import { DECP_CSV_SCHEMA, fieldNames } from '@openactes/formats';
import { ProcurementStore } from '@openactes/persistence';
import type { Response } from 'express';
import { sendCsv } from '../common/csv-response';
import { sendDecpJson } from './decp-json-response';
import { Roles } from '../common/roles';

const CSV_HEADER = fieldNames(DECP_CSV_SCHEMA);

/** The DECP datasets: contracts of published files that passed validation, each contract once with its modifications applied. */
@ApiTags('datasets')
@Roles('public')
@Controller('api/v1/datasets')
export class ProcurementDatasetsController {
  constructor(private readonly procurements: ProcurementStore) {}

  @Get('procurement.json')
  @ApiOperation({
    summary: 'DECP 2.0.3 JSON ({"marches": {"marche": [...], "contrat-concession": [...]}}) of published procurement files. Licence Ouverte 2.0.',
    description: 'A contract received in several files, or with modifications, is one record holding every modification.',
  })
  @ApiQuery({ name: 'siren', required: false, description: 'Only the contracts of this buyer (9 digits)' })
  @ApiQuery({ name: 'year', required: false, description: 'Only the contracts notified (marché) or signed (concession) this year (4 digits)' })
  @ApiProduces('application/json')
  procurementJson(@Res() res: Response, @Query('siren') siren?: string, @Query('year') year?: string): Promise<void> {
    const filter = parseFilter(siren, year);
    return sendDecpJson(
      res,
      fileName('json', siren, year),
      this.procurements.publishedContracts({ ...filter, kind: 'marche' }),
      this.procurements.publishedContracts({ ...filter, kind: 'contrat-concession' }),
    );
  }

  @Get('procurement.csv')
  @ApiOperation({
    summary: 'DECP flat table (one row per contract × state × holder; UTF-8, comma, header in schema order, SIRETs as text). Licence Ouverte 2.0.',
    description: 'The state columns show the values in force after the row\'s modification; `donneesActuelles` marks the current state.',
  })
  @ApiQuery({ name: 'siren', required: false, description: 'Only the contracts of this buyer (9 digits)' })
  @ApiQuery({ name: 'year', required: false, description: 'Only the contracts notified (marché) or signed (concession) this year (4 digits)' })
  @ApiProduces('text/csv')
  procurementCsv(@Res() res: Response, @Query('siren') siren?: string, @Query('year') year?: string): Promise<void> {
    return sendCsv(res, fileName('csv', siren, year), CSV_HEADER, this.procurements.publishedRows(parseFilter(siren, year)));
  }
}

function parseFilter(siren?: string, year?: string): { siren?: string; year?: number } {
  if (siren !== undefined && !/^\d{9}$/.test(siren)) throw new CodedError('VALIDATION_FAILED', 'siren must be 9 digits', { siren });
  if (year !== undefined && !/^\d{4}$/.test(year)) throw new CodedError('VALIDATION_FAILED', 'year must be 4 digits', { year });
  return { siren, year: year === undefined ? undefined : Number(year) };
}

function fileName(extension: string, siren?: string, year?: string): string {
  return `${['procurement', siren, year].filter(Boolean).join('-')}.${extension}`;
}
