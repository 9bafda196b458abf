import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A reuser's webhook: where to POST the events of a dataset (or of every dataset, '*'). */
@Entity({ name: 'webhook_subscription' })
@Index('idx_webhook_subscription_dataset', ['datasetId'], { where: 'active' })
export class WebhookSubscriptionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'dataset_id', type: 'text' })
  datasetId!: string;

  @Column({ type: 'text' })
  url!: string;

  /** The signing secret, sealed with SECRETS_KEY (SecretBox): we need it in clear to sign. */
  @Column({ name: 'secret_sealed', type: 'text', select: false })
  secretSealed!: string;

  /** Only the hash: the token itself is shown once, at registration. */
  @Column({ name: 'management_token_sha256', type: 'char', length: 64, select: false })
  managementTokenSha256!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true })
  deactivatedAt!: Date | null;

  /** 'deleted' (by its owner) or 'gone' (the subscriber answered 410). */
  @Column({ name: 'deactivation_reason', type: 'text', nullable: true })
  deactivationReason!: string | null;
}
