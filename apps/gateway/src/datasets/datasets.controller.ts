import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CodedError } from '@openactes/domain';
import { DATASET_KINDS, type DatasetRecord } from '@openactes/formats';
import { DatasetSources, datasetId } from '@openactes/persistence';
import type { Response } from 'express';
import { AppSettings, type Settings } from '../common/app-settings';
import { sendCsv } from '../common/csv-response';
import { Roles } from '../common/roles';

@ApiTags('datasets')
@Roles('public')
@Controller('api/v1/datasets')
export class DatasetsController {
  constructor(
    private readonly sources: DatasetSources,
    @Inject(AppSettings) private readonly settings: Settings,
  ) {}

  @Get('deliberations.csv')
  @ApiOperation({
    summary: 'SCDL délibérations 2.1.5 of published acts, as of now (UTF-8, comma, header in schema order). Licence Ouverte 2.0.',
    description:
      'Only rows the schema accepts: a collectivity whose SIRET is not registered has its rows held back until it is (see the `deliberations` datasets for versions and the quarantine counts).',
  })
  @ApiQuery({ name: 'siren', required: false, description: 'Only the acts of this collectivity (9 digits)' })
  @ApiProduces('text/csv')
  async deliberationsCsv(@Res() res: Response, @Query('siren') siren?: string): Promise<void> {
    if (siren !== undefined && !/^\d{9}$/.test(siren)) {
      throw new CodedError('VALIDATION_FAILED', 'siren must be 9 digits', { siren });
    }
    const records = this.sources.records(datasetId('deliberations', siren ?? null), this.settings.publicBaseUrl);
    await sendCsv(res, `deliberations${siren ? `-${siren}` : ''}.csv`, DATASET_KINDS.deliberations.header, publishable(records));
  }
}

async function* publishable(records: AsyncIterable<DatasetRecord>): AsyncGenerator<Record<string, string>> {
  for await (const record of records) if (record.errors.length === 0) yield record.row;
}
