import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { datasetIdsFor, type DatasetKind } from '@openactes/contracts';
import { assertSirenAllowed, CodedError } from '@openactes/domain';
import { ActStore, AuditLog, DocumentEntity } from '@openactes/persistence';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { DatasetNotifier } from '../common/dataset-notifier';
import { Roles, type AuthenticatedRequest } from '../common/roles';
import { ConsoleService } from './console.service';
import { UnpublishDto } from './console.dto';
import { sirenScope } from './scope';

const MAX_LIMIT = 200;

/** The console's views of acts: the list, the text a reviewer corrects, and unpublishing. */
@ApiTags('acts')
@Controller('api/v1/acts')
export class ConsoleActsController {
  constructor(
    private readonly console: ConsoleService,
    private readonly acts: ActStore,
    private readonly audit: AuditLog,
    private readonly datasets: DatasetNotifier,
    private readonly dataSource: DataSource,
  ) {}

  @Get()
  @Roles('platform', 'clerk', 'reviewer', 'admin')
  @ApiOperation({ summary: 'Acts, most recently changed first, by cursor; platforms and clerks see only their SIRENs' })
  @ApiQuery({ name: 'status', required: false })
  @ApiQuery({ name: 'siren', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'limit', required: false })
  list(
    @Req() req: AuthenticatedRequest,
    @Query('status') status?: string,
    @Query('siren') siren?: string,
    @Query('cursor') cursor?: string,
    @Query('limit') limit?: string,
  ) {
    const n = limit === undefined ? 50 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT) throw new CodedError('VALIDATION_FAILED', `limit must be between 1 and ${MAX_LIMIT}`, { limit });
    return this.console.acts({ sirens: sirenScope(req.principal, siren), status, cursor, limit: n });
  }

  @Get(':id/review-text')
  @Roles('reviewer', 'admin')
  @ApiOperation({
    summary: 'The original extracted text of the main document and the detected entities, in the coordinates of the review corrections',
    description: 'Never public: the text is the one before pseudonymisation.',
  })
  async reviewText(@Param('id', new ParseUUIDPipe()) id: string) {
    await this.acts.get(id);
    const main = await this.dataSource
      .getRepository(DocumentEntity)
      .createQueryBuilder('d')
      .addSelect('d.entities')
      .where('d.actId = :id AND d.role = :role', { id, role: 'main' })
      .getOne();
    if (!main) throw new CodedError('NOT_FOUND', `Act ${id} has no main document`, { id });
    const text = await this.acts.documentText(main.id);
    if (text === null) throw new CodedError('CONFLICT', 'The text of the main document has not been extracted yet', { documentId: main.id });
    return { documentId: main.id, text, entities: (main.entities ?? []).map(({ start, end, label, action }) => ({ start, end, label, action })) };
  }

  @Post(':id/unpublish')
  @Roles('admin', 'clerk')
  @ApiOperation({
    summary: 'Withdraw a published act (administrators): it leaves the next versions of the datasets. A clerk of its SIREN only records a request (202).',
  })
  async unpublish(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: UnpublishDto, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response) {
    const act = await this.acts.get(id);
    assertSirenAllowed(req.principal, act.siren);
    if (req.principal.role === 'clerk') {
      await this.audit.append({ actor: req.principal.id, action: 'act.unpublish_requested', subjectType: 'act', subjectId: id, outcome: 'ok', details: { reason: body.reason } });
      res.status(202);
      return { id, status: act.status, requested: true };
    }
    if (act.status !== 'published') throw new CodedError('CONFLICT', `Only published acts can be unpublished (this one is ${act.status})`, { status: act.status });
    const withdrawn = await this.acts.transition(id, 'withdrawn', 'act.unpublished', req.principal.id, { details: { reason: body.reason } });
    const kinds: DatasetKind[] = act.nature === 'DE' ? ['actes', 'deliberations'] : ['actes'];
    await this.datasets.changed(datasetIdsFor(kinds, act.siren), { reason: 'act.unpublished', subjectId: id });
    res.status(200);
    return { id, status: withdrawn.status, requested: false };
  }
}
