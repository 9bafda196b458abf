import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { BudgetStatus } from '@openactes/domain';
import type { SubventionFileReport } from '@openactes/formats';

/** A subventions file has a budget document's lifecycle: received, processing, then published or failed (retryable). */
export type SubventionFileStatus = BudgetStatus;

/** A subventions CSV (SCDL 2.1.1, its older forms, or as collectivities export it) and what became of it. */
@Entity({ name: 'subvention_file' })
export class SubventionFileEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The file as received (kind `subventions`); one file, one subvention file. */
  @Index('uq_subvention_file_payload', { unique: true })
  @Column({ name: 'payload_sha256', type: 'char', length: 64 })
  payloadSha256!: string;

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  /** SIRENs of the granting authorities the file names: a token must cover all of them. */
  @Column({ name: 'attribuant_sirens', type: 'text', array: true })
  attribuantSirens!: string[];

  @Column({ type: 'text' })
  status!: SubventionFileStatus;

  @Column({ name: 'failure_code', type: 'text', nullable: true })
  failureCode!: string | null;

  @Column({ name: 'failure_message', type: 'text', nullable: true })
  failureMessage!: string | null;

  /** Null until normalised. */
  @Column({ type: 'jsonb', nullable: true })
  report!: SubventionFileReport | null;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
