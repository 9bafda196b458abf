import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only, hash-chained trail of everything that happened to every subject. */
@Entity({ name: 'audit_event' })
@Index('ix_audit_event_subject', ['subjectType', 'subjectId', 'seq'])
export class AuditEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'text' })
  actor!: string;

  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'subject_type', type: 'text' })
  subjectType!: string;

  @Column({ name: 'subject_id', type: 'text' })
  subjectId!: string;

  @Column({ type: 'text' })
  outcome!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: Record<string, unknown>;

  @Column({ name: 'payload_digest', type: 'char', length: 64 })
  payloadDigest!: string;

  /** The hash chain the event extends (see AUDIT_CHAINS). */
  @Column({ type: 'smallint', default: 0 })
  chain!: number;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}
