import { Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CodedError } from '@openactes/domain';
import type { Response } from 'express';
import { AppSettings, type Settings } from '../common/app-settings';
import { Roles, type AuthenticatedRequest, type MaybeAuthenticatedRequest } from '../common/roles';
import { readRawBody } from '../common/raw-body';
import { BudgetAcceptedDto, BudgetDto } from './budget.dto';
import { BudgetsService } from './budgets.service';

const XML_CONTENT_TYPE = /^(application|text)\/xml\s*(;|$)/i;

@ApiTags('budgets')
@Controller('api/v1/budgets')
export class BudgetsController {
  constructor(
    private readonly budgets: BudgetsService,
    @Inject(AppSettings) private readonly settings: Settings,
  ) {}

  @Post()
  @Roles('platform')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Receive a TOTEM budget document (DocumentBudgetaire or CompteFinancierUnique XML)',
    description:
      'The payload is stored (SHA-256) before anything reads it, then the budget is registered and its workflow started. ' +
      '202 for a new budget, 200 when the same flux, or one with the same SIRET, exercice, stage and budget code, was received before. ' +
      'Errors: 400 INVALID_XML, INVALID_TOTEM; 401 UNAUTHENTICATED; 403 FORBIDDEN_SIREN; 413 PAYLOAD_TOO_LARGE; 415 UNSUPPORTED_CONTENT_TYPE.',
  })
  @ApiConsumes('application/xml', 'text/xml')
  @ApiBody({ description: 'The TOTEM XML file, in its own encoding', schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 202, type: BudgetAcceptedDto })
  @ApiResponse({ status: 200, type: BudgetAcceptedDto, description: 'Already received' })
  async receive(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    const contentType = req.headers['content-type'] ?? null;
    if (!contentType || !XML_CONTENT_TYPE.test(contentType)) {
      throw new CodedError('UNSUPPORTED_CONTENT_TYPE', 'Send the TOTEM file as application/xml or text/xml', { contentType });
    }
    const body = await readRawBody(req, this.settings.maxArchiveBytes);
    const outcome = await this.budgets.receive({ body, contentType }, req.principal);
    res.status(outcome.isNew ? 202 : 200).json({ budgetId: outcome.budgetId, status: outcome.status } satisfies BudgetAcceptedDto);
  }

  @Get(':id')
  @Roles('public')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'A budget, its status, its row counts (published, quarantined and why), warnings and the history of its steps',
    description: "A platform token, when given, must cover the budget's SIREN (403 FORBIDDEN_SIREN otherwise).",
  })
  @ApiOkResponse({ type: BudgetDto })
  get(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: MaybeAuthenticatedRequest): Promise<BudgetDto> {
    return this.budgets.get(id, req.principal);
  }

  @Post(':id/retry')
  @HttpCode(202)
  @Roles('platform', 'admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Run the pipeline again for a failed budget (409 CONFLICT otherwise)' })
  @ApiResponse({ status: 202, type: BudgetAcceptedDto })
  retry(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: AuthenticatedRequest): Promise<BudgetAcceptedDto> {
    return this.budgets.retry(id, req.principal);
  }
}
