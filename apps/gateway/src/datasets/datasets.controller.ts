import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CodedError, SCDL_DELIBERATIONS_FIELDS } from '@openactes/domain';
import { csvLine } from '@openactes/formats';
import { ActStore } from '@openactes/persistence';
import type { Response } from 'express';

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
    const rows = this.acts.publishedDeliberationRows({ siren });
    // Read the first page before sending headers, so that a database failure is still a clean error.
    const first = await rows.next();
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `inline; filename="deliberations${siren ? `-${siren}` : ''}.csv"`);
    res.setHeader('Link', '<https://www.etalab.gouv.fr/licence-ouverte-open-licence/>; rel="license"');
    res.write(csvLine(SCDL_DELIBERATIONS_FIELDS));
    for (let r = first; !r.done; r = await rows.next()) {
      const row = r.value;
      if (!res.write(csvLine(SCDL_DELIBERATIONS_FIELDS.map((f) => row[f] ?? '')))) {
        await new Promise((resolve) => res.once('drain', resolve));
      }
    }
    res.end();
  }
}
