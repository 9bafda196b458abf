import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CodedError } from '@openactes/domain';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Response } from 'express';
import { AppSettings, type Settings } from '../common/app-settings';
import { OwnAuthorization, Roles } from '../common/roles';
import { MetricsService } from './metrics.service';

/** Prometheus scrape endpoint: METRICS_TOKEN as a bearer token when set; open when unset, except in production. */
@ApiExcludeController()
@Roles('public')
@OwnAuthorization()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(AppSettings) private readonly settings: Settings,
  ) {}

  @Get()
  async scrape(@Res() res: Response, @Headers('authorization') authorization?: string): Promise<void> {
    const expected = this.settings.metricsToken;
    if (expected) {
      const given = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '';
      if (!timingSafeEqual(digest(given), digest(expected))) throw new CodedError('UNAUTHENTICATED', 'METRICS_TOKEN is required (Authorization: Bearer <token>)');
    } else if (this.settings.nodeEnv === 'production') {
      throw new CodedError('FORBIDDEN', 'Set METRICS_TOKEN to expose the metrics in production');
    }
    res.status(200).type('text/plain; version=0.0.4; charset=utf-8').send(await this.metrics.render());
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
