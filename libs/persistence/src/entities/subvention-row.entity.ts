import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ScdlSubventionsRow, SubventionRepair, TableError } from '@openactes/formats';

/** One data row of a subventions file, normalised to SCDL 2.1.1, with its repairs and, when quarantined, its errors. */
@Entity({ name: 'subvention_row' })
export class SubventionRowEntity {
  @PrimaryColumn({ name: 'file_id', type: 'uuid' })
  fileId!: string;

  /** 1-based data row of the file. */
  @PrimaryColumn({ type: 'integer' })
  position!: number;

  @Column({ type: 'jsonb' })
  row!: ScdlSubventionsRow;

  /** Null for a publishable row. */
  @Column({ type: 'jsonb', nullable: true })
  errors!: TableError[] | null;

  @Column({ type: 'jsonb' })
  repairs!: SubventionRepair[];

  /** The earlier row of the file this one repeats: merged into it, never published twice. */
  @Column({ name: 'duplicate_of', type: 'integer', nullable: true })
  duplicateOf!: number | null;

  /** SIREN of idAttribuant and year of dateConvention, for the filters (set on publishable rows). */
  @Column({ type: 'char', length: 9, nullable: true })
  siren!: string | null;

  @Column({ type: 'smallint', nullable: true })
  year!: number | null;
}
