import { Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CodedError } from '@openactes/domain';
import type { Request, Response } from 'express';
import { AppSettings, type Settings } from '../common/app-settings';
import { Roles, type AuthenticatedRequest, type MaybeAuthenticatedRequest } from '../common/roles';
import { readRawBody } from '../common/raw-body';
import { ProcurementAcceptedDto, ProcurementDto } from './procurement.dto';
import { ProcurementService } from './procurement.service';

const DECP_CONTENT_TYPE = /^(application\/json|application\/xml|text\/xml)\s*(;|$)/i;

@ApiTags('procurement')
@Controller('api/v1/procurement')
export class ProcurementController {
  constructor(
    private readonly procurement: ProcurementService,
    @Inject(AppSettings) private readonly settings: Settings,
  ) {}

  @Post()
  @Roles('platform')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Receive a DECP procurement data file (JSON 2.0.x, XML 2.0.2 or legacy JSON 1.5)',
    description:
      'The payload is stored (SHA-256) before anything reads it, then the file is registered and its workflow started. ' +
      'The token must cover the SIREN of every buyer the file names. A `Content-Disposition: attachment; filename="…"` header names the file in its report. ' +
      '202 for a new file, 200 when the same file was received before. ' +
      'Errors: 400 INVALID_DECP, INVALID_XML; 401 UNAUTHENTICATED; 403 FORBIDDEN_SIREN; 413 PAYLOAD_TOO_LARGE; 415 UNSUPPORTED_CONTENT_TYPE.',
  })
  @ApiConsumes('application/json', 'application/xml', 'text/xml')
  @ApiBody({ description: 'The DECP file', schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 202, type: ProcurementAcceptedDto })
  @ApiResponse({ status: 200, type: ProcurementAcceptedDto, description: 'Already received' })
  async receive(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    const contentType = req.headers['content-type'] ?? null;
    if (!contentType || !DECP_CONTENT_TYPE.test(contentType)) {
      throw new CodedError('UNSUPPORTED_CONTENT_TYPE', 'Send the DECP file as application/json, application/xml or text/xml', { contentType });
    }
    const body = await readRawBody(req, this.settings.maxArchiveBytes);
    const outcome = await this.procurement.receive({ body, contentType, fileName: declaredFileName(req) }, req.principal);
    res.status(outcome.isNew ? 202 : 200).json({ procurementId: outcome.procurementId, status: outcome.status } satisfies ProcurementAcceptedDto);
  }

  @Get(':id')
  @Roles('public')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'A procurement file, its status, its report (records read, kept, repaired and how, rejected and why, duplicates merged) and the history of its steps',
    description: 'A platform token, when given, must cover the SIREN of every buyer of the file (403 FORBIDDEN_SIREN otherwise).',
  })
  @ApiOkResponse({ type: ProcurementDto })
  get(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: MaybeAuthenticatedRequest): Promise<ProcurementDto> {
    return this.procurement.get(id, req.principal);
  }

  @Post(':id/retry')
  @HttpCode(202)
  @Roles('platform', 'admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Run the pipeline again for a failed procurement file (409 CONFLICT otherwise)' })
  @ApiResponse({ status: 202, type: ProcurementAcceptedDto })
  retry(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: AuthenticatedRequest): Promise<ProcurementAcceptedDto> {
    return this.procurement.retry(id, req.principal);
  }
}

/** The base name a `Content-Disposition` header gives, if any. */
function declaredFileName(req: Request): string | undefined {
  const match = /filename="?([^";]+)"?/i.exec(req.headers['content-disposition'] ?? '');
  const name = match?.[1].split(/[/\\]/).pop()?.replace(/[^\p{L}\p{N} ._()-]/gu, '_').trim().slice(0, 255);
  return name || undefined;
}
