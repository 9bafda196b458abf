import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, type AuthenticatedRequest, type MaybeAuthenticatedRequest } from '../common/roles';
import { ActDto } from './act.dto';
import { ActsService } from './acts.service';
import { ReviewDecisionDto } from './review.dto';

@ApiTags('acts')
@Controller('api/v1/acts')
export class ActsController {
  constructor(private readonly acts: ActsService) {}

  @Get(':id')
  @Roles('public')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'An act, its status, its documents and the history of its steps',
    description:
      'Anyone sees the published view (pseudonymised objet); a platform token or a clerk sees the full act of their SIRENs (403 FORBIDDEN_SIREN otherwise), reviewers and administrators every act.',
  })
  @ApiOkResponse({ type: ActDto })
  get(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: MaybeAuthenticatedRequest): Promise<ActDto> {
    return this.acts.get(id, req.principal);
  }

  @Post(':id/retry')
  @HttpCode(202)
  @Roles('platform', 'admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Run the pipeline again for a failed act' })
  retry(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: AuthenticatedRequest): Promise<{ id: string; status: string }> {
    return this.acts.retry(id, req.principal);
  }

  @Post(':id/review')
  @HttpCode(202)
  @Roles('reviewer', 'admin')
  @ApiOperation({ summary: 'Approve (publish, pseudonymised) or withhold an act the anonymiser held for review' })
  review(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() decision: ReviewDecisionDto,
    @Req() req: AuthenticatedRequest,
  ): Promise<{ id: string; status: string }> {
    return this.acts.review(id, decision, req.principal);
  }
}
