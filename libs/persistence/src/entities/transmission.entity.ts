import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One ACTES exchange (archive), as the gateway accepted it. */
@Entity({ name: 'transmission' })
export class TransmissionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_transmission_payload', { unique: true })
  @Column({ name: 'payload_sha256', type: 'char', length: 64 })
  payloadSha256!: string;

  @Column({ name: 'archive_name', type: 'text', nullable: true })
  archiveName!: string | null;

  @Column({ name: 'envelope_name', type: 'text' })
  envelopeName!: string;

  @Column({ type: 'char', length: 9 })
  siren!: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  warnings!: string[];

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
