import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CodedError } from '@openactes/domain';
import { AUDIT_CSV_HEADER, auditCsvLine, auditEvents, verifyAuditTrail, type AuditFilter } from '@openactes/persistence';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Roles } from '../common/roles';

@ApiTags('admin')
@Roles('admin')
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Export the audit trail (JSON array or CSV), for a subject and/or a period [from, to)' })
  @ApiQuery({ name: 'subjectType', required: false })
  @ApiQuery({ name: 'subjectId', required: false })
  @ApiQuery({ name: 'from', required: false, description: 'ISO 8601' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO 8601' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  async export(
    @Res() res: Response,
    @Query('subjectType') subjectType?: string,
    @Query('subjectId') subjectId?: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('format') format = 'json',
  ): Promise<void> {
    if (!['json', 'csv'].includes(format)) throw new CodedError('VALIDATION_FAILED', 'format must be json or csv', { format });
    const filter: AuditFilter = { subjectType, subjectId, from: parseDate('from', from), to: parseDate('to', to) };
    const events = auditEvents(this.dataSource, filter);
    if (format === 'csv') {
      res.status(200).type('text/csv; charset=utf-8').setHeader('Content-Disposition', 'attachment; filename="audit.csv"');
      res.write(`${AUDIT_CSV_HEADER.join(',')}\r\n`);
      for await (const e of events) res.write(`${auditCsvLine(e)}\r\n`);
    } else {
      res.status(200).type('application/json');
      res.write('[');
      let first = true;
      for await (const e of events) {
        res.write(`${first ? '' : ','}\n${JSON.stringify(e)}`);
        first = false;
      }
      res.write('\n]');
    }
    res.end();
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recompute the hash chain: { checked, broken: null | { seq, position, differs } }' })
  verify() {
    return verifyAuditTrail(this.dataSource);
  }
}

function parseDate(name: string, raw: string | undefined): Date | undefined {
  if (raw === undefined) return undefined;
  const d = new Date(raw);
  if (Number.isNaN(d.getTime())) throw new CodedError('VALIDATION_FAILED', `${name} must be an ISO 8601 date`, { [name]: raw });
  return d;
}
