import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { backfillProgressQuery, type BackfillAct, type BackfillInput, type BackfillProgress } from '@openactes/contracts';
import { CodedError } from '@openactes/domain';
import { AuditLog } from '@openactes/persistence';
import { DataSource } from 'typeorm';
import { BackfillDto } from '../admin/console.dto';
import { AppSettings, type Settings } from '../common/app-settings';
import { Roles, type AuthenticatedRequest } from '../common/roles';

const BACKFILL_ID = /^backfill-\d{9}-\d+$/;

/** Re-runs the pipeline for a collectivity's failed and published acts of some years (a Temporal workflow, children in batches of 20). */
@ApiTags('admin')
@Roles('admin')
@Controller('api/v1/backfill')
export class BackfillController {
  constructor(
    private readonly temporal: Client,
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    @Inject(AppSettings) private readonly settings: Settings,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Start a backfill: 202 { id, total }; follow it with GET /api/v1/backfill/:id' })
  async start(@Body() body: BackfillDto, @Req() req: AuthenticatedRequest): Promise<{ id: string; total: number }> {
    if (body.toYear < body.fromYear) throw new CodedError('VALIDATION_FAILED', 'toYear must not be before fromYear', { fromYear: body.fromYear, toYear: body.toYear });
    const acts = (await this.dataSource.query(
      `SELECT id AS "actId", act_key AS "actKey", workflow_id AS "workflowId" FROM act
        WHERE siren = $1 AND extract(year FROM decision_date) BETWEEN $2 AND $3 AND status IN ('failed', 'published')
        ORDER BY decision_date, id`,
      [body.siren, body.fromYear, body.toYear],
    )) as BackfillAct[];
    const [{ runs }] = (await this.dataSource.query(
      `SELECT count(*)::int AS runs FROM audit_event WHERE action = 'backfill.started' AND subject_type = 'collectivity' AND subject_id = $1`,
      [body.siren],
    )) as { runs: number }[];
    const run = runs + 1;
    const id = `backfill-${body.siren}-${run}`;
    const input: BackfillInput = { siren: body.siren, fromYear: body.fromYear, toYear: body.toYear, run, acts };
    await this.temporal.workflow.start('backfillWorkflow', { workflowId: id, taskQueue: this.settings.temporal.taskQueue, args: [input] });
    await this.audit.append({
      actor: req.principal.id, action: 'backfill.started', subjectType: 'collectivity', subjectId: body.siren, outcome: 'ok',
      details: { workflowId: id, fromYear: body.fromYear, toYear: body.toYear, acts: acts.length },
    });
    return { id, total: acts.length };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Progress of a backfill: { total, done, failed, status }' })
  async progress(@Param('id') id: string): Promise<BackfillProgress> {
    if (!BACKFILL_ID.test(id)) throw new CodedError('NOT_FOUND', `No backfill ${id}`, { id });
    const handle = this.temporal.workflow.getHandle(id);
    try {
      const [progress, description] = await Promise.all([handle.query(backfillProgressQuery), handle.describe()]);
      return { ...progress, status: description.status.name === 'RUNNING' ? 'running' : description.status.name === 'COMPLETED' ? 'completed' : (description.status.name.toLowerCase() as BackfillProgress['status']) };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new CodedError('NOT_FOUND', `No backfill ${id}`, { id });
      throw err;
    }
  }
}
