import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The "never twice" ledger of the pull connector: one row per platform transaction imported. */
@Entity({ name: 'pulled_transaction' })
export class PulledTransactionEntity {
  @PrimaryColumn({ name: 'platform_id', type: 'uuid' })
  platformId!: string;

  @PrimaryColumn({ name: 'remote_id', type: 'text' })
  remoteId!: string;

  /** The rebuilt ACTES archive, as stored by ingestion. */
  @Column({ name: 'payload_sha256', type: 'char', length: 64 })
  payloadSha256!: string;

  /** Null when ingestion rejected the archive (see rejectionCode and the payload's reason). */
  @Column({ name: 'act_id', type: 'uuid', nullable: true })
  actId!: string | null;

  /** The prefecture's ARActe XML, stored as a payload of kind 'actes_ar'. */
  @Column({ name: 'ar_payload_sha256', type: 'char', length: 64, nullable: true })
  arPayloadSha256!: string | null;

  @Column({ name: 'rejection_code', type: 'text', nullable: true })
  rejectionCode!: string | null;

  @Column({ name: 'imported_at', type: 'timestamptz' })
  importedAt!: Date;
}
