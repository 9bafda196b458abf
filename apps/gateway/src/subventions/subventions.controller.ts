import { Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CodedError } from '@openactes/domain';
import type { Request, Response } from 'express';
import { AppSettings, type Settings } from '../common/app-settings';
import { Roles, type AuthenticatedRequest, type MaybeAuthenticatedRequest } from '../common/roles';
import { readRawBody } from '../common/raw-body';
import { SubventionFileAcceptedDto, SubventionFileDto } from './subventions.dto';
import { SubventionsService } from './subventions.service';

const CSV_CONTENT_TYPE = /^text\/csv\s*(;|$)/i;

@ApiTags('subventions')
@Controller('api/v1/subventions')
export class SubventionsController {
  constructor(
    private readonly subventions: SubventionsService,
    @Inject(AppSettings) private readonly settings: Settings,
  ) {}

  @Post()
  @Roles('platform')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Receive a subventions CSV (SCDL subventions 2.1.1, SCDL v1, the 2017 regulatory format, or as a collectivity exported it)',
    description:
      'The payload is stored (SHA-256) before anything reads it, then the file is registered and its workflow started. ' +
      'The token must cover the SIREN of every idAttribuant the file names. A `Content-Disposition: attachment; filename="…"` header names the file in its report. ' +
      '202 for a new file, 200 when the same file was received before. ' +
      'Errors: 400 INVALID_CSV; 401 UNAUTHENTICATED; 403 FORBIDDEN_SIREN; 413 PAYLOAD_TOO_LARGE; 415 UNSUPPORTED_CONTENT_TYPE.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ description: 'The CSV file', schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 202, type: SubventionFileAcceptedDto })
  @ApiResponse({ status: 200, type: SubventionFileAcceptedDto, description: 'Already received' })
  async receive(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    const contentType = req.headers['content-type'] ?? null;
    if (!contentType || !CSV_CONTENT_TYPE.test(contentType)) {
      throw new CodedError('UNSUPPORTED_CONTENT_TYPE', 'Send the subventions file as text/csv', { contentType });
    }
    const body = await readRawBody(req, this.settings.maxArchiveBytes);
    const outcome = await this.subventions.receive({ body, contentType, fileName: declaredFileName(req) }, req.principal);
    res.status(outcome.isNew ? 202 : 200).json({ subventionFileId: outcome.subventionFileId, status: outcome.status } satisfies SubventionFileAcceptedDto);
  }

  @Get(':id')
  @Roles('public')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'A subventions file, its status, its report (rows read, published, quarantined and why, repairs by rule, duplicates merged) and the history of its steps',
    description: 'A platform token, when given, must cover the SIREN of every granting authority of the file (403 FORBIDDEN_SIREN otherwise).',
  })
  @ApiOkResponse({ type: SubventionFileDto })
  get(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: MaybeAuthenticatedRequest): Promise<SubventionFileDto> {
    return this.subventions.get(id, req.principal);
  }

  @Post(':id/retry')
  @HttpCode(202)
  @Roles('platform', 'admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Run the pipeline again for a failed subventions file (409 CONFLICT otherwise)' })
  @ApiResponse({ status: 202, type: SubventionFileAcceptedDto })
  retry(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: AuthenticatedRequest): Promise<SubventionFileAcceptedDto> {
    return this.subventions.retry(id, req.principal);
  }
}

/** The base name a `Content-Disposition` header gives, if any. */
function declaredFileName(req: Request): string | undefined {
  const match = /filename="?([^";]+)"?/i.exec(req.headers['content-disposition'] ?? '');
  const name = match?.[1].split(/[/\\]/).pop()?.replace(/[^\p{L}\p{N} ._()-]/gu, '_').trim().slice(0, 255);
  return name || undefined;
}
