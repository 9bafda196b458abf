import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { BudgetStatus } from '@openactes/domain';

/** A procurement file has a budget document's lifecycle: received, processing, then published or failed (retryable). */
export type ProcurementStatus = BudgetStatus;

/** Why a record of a DECP file was left out: one entry per problem (the library's rejection, without its message). */
export interface ProcurementRejection {
  recordId: string;
  rule: string;
  path: string;
  value: unknown;
}

/** What became of the records of one DECP file. */
export interface ProcurementReport {
  source: string;
  version: string;
  /** Records in the file. */
  read: number;
  /** Records kept without any change. */
  valid: number;
  /** Records kept after repairs. */
  repaired: number;
  /** Records kept (valid + repaired): the ones the datasets may show. */
  accepted: number;
  /** Records left out. */
  rejected: number;
  /** Every repair made, on kept and rejected records alike, counted by rule. */
  repairsByRule: Record<string, number>;
  /** Problems of the rejected records, counted by rule (a record may have several). */
  rejectionsByRule: Record<string, number>;
  /** The problems themselves, the first 1000. */
  rejections: ProcurementRejection[];
  /** Kept records that were another version of a contract already in the file. */
  duplicatesMerged: number;
  /** Contracts of this file already published from earlier files: merged with them in the datasets. */
  mergedWithPublished: number;
}

/** A DECP file (JSON 2.x, XML 2.0.2 or legacy 1.5) and what became of it. */
@Entity({ name: 'procurement_file' })
export class ProcurementFileEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The file as received (kind `decp`); one file, one procurement. */
  @Index('uq_procurement_file_payload', { unique: true })
  @Column({ name: 'payload_sha256', type: 'char', length: 64 })
  payloadSha256!: string;

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  @Column({ type: 'text' })
  format!: 'json' | 'xml';

  /** `2.0` or `1.5`. */
  @Column({ type: 'text' })
  version!: string;

  /** SIRENs of the buyers (and autorités concédantes) the file names: a token must cover all of them. */
  @Column({ name: 'buyer_sirens', type: 'text', array: true })
  buyerSirens!: string[];

  @Column({ type: 'text' })
  status!: ProcurementStatus;

  @Column({ name: 'failure_code', type: 'text', nullable: true })
  failureCode!: string | null;

  @Column({ name: 'failure_message', type: 'text', nullable: true })
  failureMessage!: string | null;

  /** Null until normalised. */
  @Column({ type: 'jsonb', nullable: true })
  report!: ProcurementReport | null;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
