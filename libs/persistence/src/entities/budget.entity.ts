import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { BudgetCounts, BudgetStatus } from '@openactes/domain';

/** A TOTEM budget document (budget or CFU) and what became of it. */
@Entity({ name: 'budget' })
@Index('ix_budget_siren_year', ['siren', 'year'])
export class BudgetEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** SIRET × exercice × stage × budget code (see `budgetKey`). */
  @Index('uq_budget_key', { unique: true })
  @Column({ name: 'budget_key', type: 'text' })
  budgetKey!: string;

  /** The TOTEM flux as received (kind `totem`). */
  @Index('uq_budget_payload', { unique: true })
  @Column({ name: 'payload_sha256', type: 'char', length: 64 })
  payloadSha256!: string;

  @Column({ type: 'char', length: 9 })
  siren!: string;

  @Column({ type: 'char', length: 14 })
  siret!: string;

  @Column({ type: 'smallint' })
  year!: number;

  /** TOTEM `NatDec`: 01 BP, 02 DM, 03 BS, 09 CA, 10 CFU. */
  @Column({ name: 'nat_dec', type: 'text' })
  natDec!: string;

  /** TOTEM `CodBud`; empty when the document gives none. */
  @Column({ name: 'budget_code', type: 'text' })
  budgetCode!: string;

  @Column({ type: 'text' })
  nomenclature!: string;

  @Column({ type: 'text' })
  kind!: 'budget' | 'cfu';

  /** `LibelleColl`, then `LibelleEtab` when the budget names itself. */
  @Column({ name: 'collectivity_name', type: 'text' })
  collectivityName!: string;

  @Column({ name: 'budget_name', type: 'text', nullable: true })
  budgetName!: string | null;

  /** The budget act (nature 5) whose archive carried the flux, when it came through ACTES. */
  @Column({ name: 'act_id', type: 'uuid', nullable: true })
  actId!: string | null;

  @Column({ type: 'text' })
  status!: BudgetStatus;

  @Column({ name: 'failure_code', type: 'text', nullable: true })
  failureCode!: string | null;

  @Column({ name: 'failure_message', type: 'text', nullable: true })
  failureMessage!: string | null;

  /** Null until converted. */
  @Column({ type: 'jsonb', nullable: true })
  counts!: BudgetCounts | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  warnings!: string[];

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
