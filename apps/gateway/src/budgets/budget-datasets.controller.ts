import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CodedError } from '@openactes/domain';
import { fieldNames, SCDL_BUDGET_SCHEMA, SCDL_SUBVENTIONS_SCHEMA } from '@openactes/formats';
import { BudgetStore, SubventionStore, type BudgetDataset } from '@openactes/persistence';
import type { Response } from 'express';
import { sendCsv } from '../common/csv-response';
import { Roles } from '../common/roles';

const HEADERS: Record<BudgetDataset, readonly string[]> = {
  budget: fieldNames(SCDL_BUDGET_SCHEMA),
  subventions: fieldNames(SCDL_SUBVENTIONS_SCHEMA),
};

/** The SCDL datasets built from budget documents: only rows the schema accepts, of published budgets. */
@ApiTags('datasets')
@Roles('public')
@Controller('api/v1/datasets')
export class BudgetDatasetsController {
  constructor(
    private readonly budgets: BudgetStore,
    private readonly subventionFiles: SubventionStore,
  ) {}

  @Get('budget.csv')
  @ApiOperation({ summary: 'SCDL budget 0.8.3 lines of published budgets (UTF-8, comma, header in schema order). Licence Ouverte 2.0.' })
  @ApiQuery({ name: 'siren', required: false, description: 'Only the budgets of this collectivity (9 digits)' })
  @ApiQuery({ name: 'year', required: false, description: 'Only this exercice (4 digits)' })
  @ApiProduces('text/csv')
  budgetCsv(@Res() res: Response, @Query('siren') siren?: string, @Query('year') year?: string): Promise<void> {
    return this.send(res, 'budget', siren, year);
  }

  @Get('subventions.csv')
  @ApiOperation({
    summary: 'SCDL subventions 2.1.1 rows from the CONCOURS annex of published budgets, then from published subventions CSV files (UTF-8, comma, header in schema order). Licence Ouverte 2.0.',
    description:
      'The annex does not carry the agreement date, payment terms nor EU notification the schema requires: such rows stay quarantined. ' +
      'For subventions files, `siren` is that of idAttribuant and `year` that of dateConvention.',
  })
  @ApiQuery({ name: 'siren', required: false, description: 'Only the budgets of this collectivity (9 digits)' })
  @ApiQuery({ name: 'year', required: false, description: 'Only this exercice (4 digits)' })
  @ApiProduces('text/csv')
  subventionsCsv(@Res() res: Response, @Query('siren') siren?: string, @Query('year') year?: string): Promise<void> {
    return this.send(res, 'subventions', siren, year);
  }

  private send(res: Response, dataset: BudgetDataset, siren?: string, year?: string): Promise<void> {
    if (siren !== undefined && !/^\d{9}$/.test(siren)) throw new CodedError('VALIDATION_FAILED', 'siren must be 9 digits', { siren });
    if (year !== undefined && !/^\d{4}$/.test(year)) throw new CodedError('VALIDATION_FAILED', 'year must be 4 digits', { year });
    const fileName = [dataset, siren, year].filter(Boolean).join('-') + '.csv';
    const filter = { siren, year: year === undefined ? undefined : Number(year) };
    const rows = dataset === 'subventions' ? this.subventionRows(filter) : this.budgets.publishedRows(dataset, filter);
    return sendCsv(res, fileName, HEADERS[dataset], rows);
  }

  /** CONCOURS rows of published budgets, then the published rows of subventions files. */
  private async *subventionRows(filter: { siren?: string; year?: number }): AsyncGenerator<Record<string, string>> {
    yield* this.budgets.publishedRows('subventions', filter);
    for await (const { row } of this.subventionFiles.publishedRows(filter)) yield row;
  }
}
