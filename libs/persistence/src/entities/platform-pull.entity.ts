import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How to pull acts from a platform's API (S²LOW style), run by a Temporal Schedule. */
@Entity({ name: 'platform_pull' })
export class PlatformPullEntity {
  @PrimaryColumn({ name: 'platform_id', type: 'uuid' })
  platformId!: string;

  @Column({ name: 'base_url', type: 'text' })
  baseUrl!: string;

  @Column({ type: 'text', nullable: true })
  username!: string | null;

  /** Stored as given for now: it should be encrypted at rest. Never logged nor listed. */
  @Column({ type: 'text', nullable: true, select: false })
  password!: string | null;

  /** Transaction status to pull; 4 = acquittement reçu. */
  @Column({ name: 'status_filter', type: 'smallint', default: 4 })
  statusFilter!: number;

  @Column({ name: 'page_size', type: 'integer', default: 50 })
  pageSize!: number;

  /** Only transactions that reached the status at least this many days ago. */
  @Column({ name: 'min_age_days', type: 'integer', default: 0 })
  minAgeDays!: number;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ name: 'last_run_at', type: 'timestamptz', nullable: true })
  lastRunAt!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
