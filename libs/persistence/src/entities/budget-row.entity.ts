import { Column, Entity, PrimaryColumn } from 'typeorm';
export type BudgetDataset = 'budget' | 'subventions';

/** Why the validator refused a cell or a row (a Table Schema error, without its row number). */
export interface RowError {
  column: string | null;
  code: string;
  message: string;
}

/**
 * One SCDL row built from a budget document. A row with errors is quarantined:
 * kept with its reasons, never published.
 */
@Entity({ name: 'budget_row' })
export class BudgetRowEntity {
  @PrimaryColumn({ name: 'budget_id', type: 'uuid' })
  budgetId!: string;

  @PrimaryColumn({ type: 'text' })
  dataset!: BudgetDataset;

  /** 1-based, in document order. */
  @PrimaryColumn({ type: 'integer' })
  position!: number;

  /** Cells keyed by the schema's field names. */
  @Column({ type: 'jsonb' })
  row!: Record<string, string>;

  /** Null for a publishable row; the validator's errors for a quarantined one. */
  @Column({ type: 'jsonb', nullable: true })
  errors!: RowError[] | null;
}
