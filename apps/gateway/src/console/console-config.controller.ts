import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AppSettings, type Settings } from '../common/app-settings';
import { Roles } from '../common/roles';

export class ConsoleConfigDto {
  @ApiPropertyOptional({ nullable: true, example: 'http://localhost:8233', description: 'Base URL of the Temporal UI (null when not configured)' })
  temporalUiUrl!: string | null;
  @ApiProperty({ example: 'default' }) namespace!: string;
}

/** What the console needs to link each act to its workflow in the Temporal UI. */
@ApiTags('console')
@Controller('api/v1/console/config')
export class ConsoleConfigController {
  constructor(@Inject(AppSettings) private readonly settings: Settings) {}

  @Get()
  @Roles('public')
  @ApiOperation({ summary: 'Settings of the console: the Temporal UI URL and namespace (workflow links)' })
  @ApiOkResponse({ type: ConsoleConfigDto })
  config(): ConsoleConfigDto {
    return { temporalUiUrl: this.settings.temporal.uiUrl, namespace: this.settings.temporal.namespace };
  }
}
