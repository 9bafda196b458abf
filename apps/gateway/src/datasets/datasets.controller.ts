import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CodedError, SCDL_DELIBERATIONS_FIELDS } from '@openactes/domain';
import { ActStore } from '@openactes/persistence';
import type { Response } from 'express';
import { sendCsv } from '../common/csv-response';

@ApiTags('datasets')
@Controller('api/v1/datasets')
export class DatasetsController {
  constructor(private readonly acts: ActStore) {}

  @Get('deliberations.csv')
  @ApiOperation({
    summary: 'SCDL délibérations 2.1.5 of published acts (UTF-8, comma, header in schema order). Licence Ouverte 2.0.',
  })
  @ApiQuery({ name: 'siren', required: false, description: 'Only the acts of this collectivity (9 digits)' })
  @ApiProduces('text/csv')
  async deliberationsCsv(@Res() res: Response, @Query('siren') siren?: string): Promise<void> {
    if (siren !== undefined && !/^\d{9}$/.test(siren)) {
      throw new CodedError('VALIDATION_FAILED', 'siren must be 9 digits', { siren });
    }
    await sendCsv(res, `deliberations${siren ? `-${siren}` : ''}.csv`, SCDL_DELIBERATIONS_FIELDS, this.acts.publishedDeliberationRows({ siren }));
  }
}
