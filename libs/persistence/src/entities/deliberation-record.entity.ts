import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The SCDL délibérations row of an act, built once its facts are known. */
@Entity({ name: 'deliberation_record' })
export class DeliberationRecordEntity {
  @PrimaryColumn({ name: 'act_id', type: 'uuid' })
  actId!: string;

  @Index('ix_deliberation_record_siren')
  @Column({ type: 'char', length: 9 })
  siren!: string;

  @Column({ type: 'jsonb' })
  row!: Record<string, string>;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  warnings!: string[];

  @Column({ name: 'built_at', type: 'timestamptz' })
  builtAt!: Date;
}
