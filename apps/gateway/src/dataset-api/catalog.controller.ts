import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CodedError } from '@openactes/domain';
import type { Response } from 'express';
import { DatasetApiService } from './dataset-api.service';
import { Roles } from '../common/roles';

/** The DCAT-AP catalogue of every published dataset, for portals and harvesters (data.europa.eu, data.gouv.fr). */
@ApiTags('datasets')
@Roles('public')
@Controller()
export class CatalogController {
  constructor(private readonly api: DatasetApiService) {}

  @Get('catalog.jsonld')
  @ApiOperation({ summary: 'DCAT-AP catalogue as JSON-LD (inline context), paged (hydra:PagedCollection). Licence Ouverte 2.0.' })
  @ApiQuery({ name: 'page', required: false })
  @ApiProduces('application/ld+json')
  async jsonld(@Res() res: Response, @Query('page') page?: string): Promise<void> {
    res.type('application/ld+json').send(await this.api.dcat('jsonld', pageOf(page), CATALOGUE_PAGE_SIZE));
  }

  @Get('catalog.ttl')
  @ApiOperation({ summary: 'DCAT-AP catalogue as Turtle, paged (hydra:PagedCollection). Licence Ouverte 2.0.' })
  @ApiQuery({ name: 'page', required: false })
  @ApiProduces('text/turtle')
  async turtle(@Res() res: Response, @Query('page') page?: string): Promise<void> {
    res.type('text/turtle').send(await this.api.dcat('ttl', pageOf(page), CATALOGUE_PAGE_SIZE));
  }
}

const CATALOGUE_PAGE_SIZE = 100;

function pageOf(raw: string | undefined): number {
  if (raw === undefined) return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new CodedError('VALIDATION_FAILED', 'page must be a positive integer', { page: raw });
  return n;
}
