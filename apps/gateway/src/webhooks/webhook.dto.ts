import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DATASET_TYPES } from '@openactes/catalogue';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** '*', a consolidated dataset ('budget') or a collectivity's ('budget-213500000'). */
export const WEBHOOK_DATASET_ID = new RegExp(`^(\\*|(${DATASET_TYPES.join('|')})(-\\d{9})?)$`);

export class RegisterWebhookDto {
  @ApiProperty({ example: 'deliberations-213500000', description: "A dataset id, or '*' for every dataset" })
  @IsString()
  @Matches(WEBHOOK_DATASET_ID, { message: `datasetId must be '*', a dataset type (${DATASET_TYPES.join(', ')}) or <type>-<SIREN>` })
  datasetId!: string;

  @ApiProperty({ example: 'https://reuser.example/hooks/openactes', description: 'https (http only for localhost outside production)' })
  @IsString()
  @MaxLength(2000)
  url!: string;

  @ApiProperty({ minLength: 16, maxLength: 256, description: 'Signs each delivery (X-OpenActes-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">)' })
  @IsString()
  @MinLength(16)
  @MaxLength(256)
  secret!: string;
}

export class WebhookDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'deliberations-213500000' }) datasetId!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ description: 'False once deleted, or once the subscriber answered 410 Gone' }) active!: boolean;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ nullable: true }) deactivatedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, enum: ['deleted', 'gone'] }) deactivationReason!: 'deleted' | 'gone' | null;
}

export class WebhookCreatedDto extends WebhookDto {
  @ApiProperty({ description: 'Shown once: send it as `Authorization: Bearer <token>` to read or delete this webhook' })
  managementToken!: string;
}

export class WebhookDeliveryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'Also sent as X-OpenActes-Delivery' }) eventId!: string;
  @ApiProperty() datasetId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ description: '1 for the first try' }) attempt!: number;
  @ApiProperty({ enum: ['delivered', 'failed', 'retrying'] }) status!: string;
  @ApiPropertyOptional({ nullable: true }) httpStatus!: number | null;
  @ApiPropertyOptional({ nullable: true, example: 'HTTP 500' }) error!: string | null;
  @ApiProperty() durationMs!: number;
  @ApiProperty() at!: string;
}

export class WebhookDeliveriesDto {
  @ApiProperty({ type: [WebhookDeliveryDto], description: 'The latest 100 attempts, newest first' })
  deliveries!: WebhookDeliveryDto[];
}
