import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where one dataset lives on one portal (the remote ids we upsert by) and how its last publication went. */
@Entity({ name: 'portal_dataset' })
export class PortalDatasetEntity {
  @PrimaryColumn({ name: 'portal_id', type: 'uuid' })
  portalId!: string;

  @PrimaryColumn({ name: 'dataset_id', type: 'text' })
  datasetId!: string;

  @Column({ name: 'remote_dataset_id', type: 'text', nullable: true })
  remoteDatasetId!: string | null;

  @Column({ name: 'remote_url', type: 'text', nullable: true })
  remoteUrl!: string | null;

  /** Resource key (csv, json) → the portal's resource id. */
  @Column({ type: 'jsonb', default: {} })
  resources!: Record<string, string>;

  @Column({ name: 'last_version', type: 'integer', nullable: true })
  lastVersion!: number | null;

  /** publishing: ids recorded, the publication not finished yet. */
  @Column({ type: 'text' })
  status!: 'publishing' | 'published' | 'failed';

  @Column({ name: 'last_error', type: 'jsonb', nullable: true })
  lastError!: { code: string; message: string; attempt?: number } | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
