import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RegisterWebhookDto, WebhookCreatedDto, WebhookDeliveriesDto, WebhookDto } from './webhook.dto';
import { WebhooksService } from './webhooks.service';
import { OwnAuthorization, Roles } from '../common/roles';

const MANAGEMENT_AUTH = 'Authorization: Bearer <managementToken> (401 UNAUTHENTICATED without it, 403 FORBIDDEN with another token, 404 NOT_FOUND for an unknown id).';

@ApiTags('webhooks')
@Roles('public')
@Controller('api/v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({
    summary: 'Subscribe to the new versions of a dataset (or of every dataset)',
    description:
      'No account needed. Each new version is POSTed to `url` as JSON (`dataset.version_published`) with the headers ' +
      '`X-OpenActes-Event`, `X-OpenActes-Delivery` (the event id: deduplicate on it) and `X-OpenActes-Signature: t=<unix>,v1=<hex>`, ' +
      'the HMAC-SHA256 of `<t>.<body>` with your secret. Answer 2xx within 10 s; anything else is retried with backoff ' +
      '(10 s doubling up to 1 h, 12 attempts). Answer 410 Gone to unsubscribe. ' +
      'Errors: 400 VALIDATION_FAILED (unknown fields, URL not https, secret shorter than 16 characters, unknown dataset id form).',
  })
  @ApiBody({ type: RegisterWebhookDto })
  @ApiCreatedResponse({ type: WebhookCreatedDto })
  // Typed loosely on purpose: the global pipe strips unknown fields, the service refuses them.
  register(@Body() body: Record<string, unknown>): Promise<WebhookCreatedDto> {
    return this.webhooks.register(body);
  }

  @Get(':id')
  @OwnAuthorization()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'A webhook subscription', description: MANAGEMENT_AUTH })
  @ApiOkResponse({ type: WebhookDto })
  get(@Param('id', new ParseUUIDPipe()) id: string, @Headers('authorization') authorization?: string): Promise<WebhookDto> {
    return this.webhooks.get(id, authorization);
  }

  @Delete(':id')
  @OwnAuthorization()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Unsubscribe: no delivery is made any more; the delivery log is kept', description: MANAGEMENT_AUTH })
  @ApiNoContentResponse()
  delete(@Param('id', new ParseUUIDPipe()) id: string, @Headers('authorization') authorization?: string): Promise<void> {
    return this.webhooks.delete(id, authorization);
  }

  @Get(':id/deliveries')
  @OwnAuthorization()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The delivery log: every attempt, its HTTP status, error and duration, newest first', description: MANAGEMENT_AUTH })
  @ApiOkResponse({ type: WebhookDeliveriesDto })
  deliveries(@Param('id', new ParseUUIDPipe()) id: string, @Headers('authorization') authorization?: string): Promise<WebhookDeliveriesDto> {
    return this.webhooks.deliveries(id, authorization);
  }
}
