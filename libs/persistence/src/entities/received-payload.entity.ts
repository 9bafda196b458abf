import { Column, Entity, PrimaryColumn } from 'typeorm';

export type PayloadOutcome = 'pending' | 'accepted' | 'rejected';

/** Every body received, stored and hashed before anything reads it. */
@Entity({ name: 'received_payload' })
export class ReceivedPayloadEntity {
  @PrimaryColumn({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'content_type', type: 'text', nullable: true })
  contentType!: string | null;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  @Column({ type: 'bytea', select: false })
  content!: Buffer;

  @Column({ type: 'text' })
  submitter!: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'text' })
  outcome!: PayloadOutcome;

  @Column({ name: 'rejection_code', type: 'text', nullable: true })
  rejectionCode!: string | null;

  @Column({ name: 'rejection_message', type: 'text', nullable: true })
  rejectionMessage!: string | null;
}
