import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles, type AuthenticatedRequest } from '../common/roles';
import { ConsoleService, type StatsDto } from './console.service';
import { sirenScope } from './scope';

@ApiTags('admin')
@Controller('api/v1/admin')
export class StatsController {
  constructor(private readonly console: ConsoleService) {}

  @Get('stats')
  @Roles('admin', 'clerk')
  @ApiOperation({ summary: 'Acts by status (overall and by collectivity), publication lag (received → published) and failures of the last 24 h; clerks: their SIRENs' })
  @ApiQuery({ name: 'siren', required: false })
  stats(@Req() req: AuthenticatedRequest, @Query('siren') siren?: string): Promise<StatsDto> {
    return this.console.stats(sirenScope(req.principal, siren));
  }
}
