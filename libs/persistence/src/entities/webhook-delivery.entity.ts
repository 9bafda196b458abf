import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type WebhookDeliveryStatus = 'delivered' | 'failed' | 'retrying';

/** One attempt to deliver one event to one subscription: the delivery log reusers read. */
@Entity({ name: 'webhook_delivery' })
@Index('uq_webhook_delivery_attempt', ['subscriptionId', 'eventId', 'attempt'], { unique: true })
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'subscription_id', type: 'uuid' })
  subscriptionId!: string;

  @Column({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ name: 'dataset_id', type: 'text' })
  datasetId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'integer' })
  attempt!: number;

  @Column({ type: 'text' })
  status!: WebhookDeliveryStatus;

  @Column({ name: 'http_status', type: 'integer', nullable: true })
  httpStatus!: number | null;

  /** What went wrong, in our words (never the subscriber's response body). */
  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs!: number;

  @Column({ type: 'timestamptz' })
  at!: Date;
}
