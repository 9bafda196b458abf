import { Inject, Injectable } from '@nestjs/common';
import { CodedError } from '@openactes/domain';
import type { WebhookDeliveryLogEntry, WebhookRegistration, WebhookSubscription } from '@openactes/persistence';
import { WebhookStore } from '@openactes/persistence';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AppSettings, type Settings } from '../common/app-settings';
import { RegisterWebhookDto, type WebhookCreatedDto, type WebhookDeliveriesDto, type WebhookDto } from './webhook.dto';
import { webhookUrlProblem } from './webhook-url';

@Injectable()
export class WebhooksService {
  constructor(
    private readonly webhooks: WebhookStore,
    @Inject(AppSettings) private readonly settings: Settings,
  ) {}

  async register(body: unknown): Promise<WebhookCreatedDto> {
    const { subscription, managementToken } = await this.webhooks.register(this.parse(body));
    return { ...toWebhookDto(subscription), managementToken };
  }

  async get(id: string, authorization: string | undefined): Promise<WebhookDto> {
    return toWebhookDto(await this.webhooks.authorize(id, bearerToken(authorization)));
  }

  async delete(id: string, authorization: string | undefined): Promise<void> {
    await this.webhooks.authorize(id, bearerToken(authorization));
    await this.webhooks.deactivate(id, 'deleted');
  }

  async deliveries(id: string, authorization: string | undefined): Promise<WebhookDeliveriesDto> {
    await this.webhooks.authorize(id, bearerToken(authorization));
    return { deliveries: (await this.webhooks.deliveries(id)).map(toDeliveryDto) };
  }

  /** Strict: unknown fields are refused (a typo must not silently subscribe to the wrong thing). */
  private parse(body: unknown): WebhookRegistration {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new CodedError('VALIDATION_FAILED', 'Send a JSON object { url, secret, datasetId } as application/json');
    }
    const dto = plainToInstance(RegisterWebhookDto, body);
    const violations = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }).flatMap((e) => Object.values(e.constraints ?? {}));
    const urlProblem = typeof dto.url === 'string' ? webhookUrlProblem(dto.url, this.settings.nodeEnv === 'production') : null;
    if (urlProblem) violations.push(urlProblem);
    if (violations.length) throw new CodedError('VALIDATION_FAILED', violations.join('; '), { violations });
    return { datasetId: dto.datasetId, url: dto.url, secret: dto.secret };
  }
}

function bearerToken(authorization: string | undefined): string {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!token) throw new CodedError('UNAUTHENTICATED', "Send the webhook's management token as Authorization: Bearer <token>");
  return token;
}

function toWebhookDto(s: WebhookSubscription): WebhookDto {
  return {
    id: s.id,
    datasetId: s.datasetId,
    url: s.url,
    active: s.active,
    createdAt: s.createdAt.toISOString(),
    deactivatedAt: s.deactivatedAt?.toISOString() ?? null,
    deactivationReason: s.deactivationReason,
  };
}

function toDeliveryDto(d: WebhookDeliveryLogEntry): WebhookDeliveriesDto['deliveries'][number] {
  return { ...d, at: d.at.toISOString() };
}
