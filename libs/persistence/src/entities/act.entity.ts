import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ActLifecycleState, ActStatus, PrefectureStatus, PublicationChoice } from '@openactes/domain';

export interface ActAnonymisation {
  decision: 'publish' | 'review';
  reasons: string[];
  redacted: number;
  review?: { decision: 'approve' | 'withhold'; actor: string; comment: string | null; at: string };
}

@Entity({ name: 'act' })
@Index('ix_act_siren_status', ['siren', 'status'])
export class ActEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Provisional business key (SIREN, date, number, nature) until the IDActe is known. */
  @Index('uq_act_key', { unique: true })
  @Column({ name: 'act_key', type: 'text' })
  actKey!: string;

  @Column({ type: 'char', length: 9 })
  siren!: string;

  @Column({ name: 'numero_interne', type: 'text' })
  numeroInterne!: string;

  @Column({ name: 'decision_date', type: 'date' })
  decisionDate!: string;

  @Column({ type: 'text' })
  nature!: string;

  @Column({ name: 'nature_code', type: 'smallint' })
  natureCode!: number;

  @Column({ type: 'integer', array: true })
  matieres!: number[];

  @Column({ name: 'classification_code', type: 'text' })
  classificationCode!: string;

  @Column({ name: 'classification_date', type: 'date', nullable: true })
  classificationDate!: string | null;

  @Column({ type: 'text' })
  objet!: string;

  @Column({ type: 'text' })
  status!: ActStatus;

  @Column({ name: 'failure_code', type: 'text', nullable: true })
  failureCode!: string | null;

  @Column({ name: 'failure_message', type: 'text', nullable: true })
  failureMessage!: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'transmission_id', type: 'uuid' })
  transmissionId!: string;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  warnings!: string[];

  /** The prefecture's identifier, final once the act is acknowledged (ARActe). */
  @Column({ name: 'id_acte', type: 'text', nullable: true })
  idActe!: string | null;

  @Column({ name: 'prefecture_status', type: 'text', default: 'transmitted' })
  prefectureStatus!: PrefectureStatus;

  /** ARActe DateReception: the legal date of transmission (SCDL PREF_DATE). */
  @Column({ name: 'date_reception', type: 'date', nullable: true })
  dateReception!: string | null;

  /** The acknowledging service (PREFddd, SPREFddda, SGARddd), when known (SCDL PREF_ID). */
  @Column({ name: 'prefecture_service', type: 'text', nullable: true })
  prefectureService!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  rejection!: ActLifecycleState['rejection'];

  @Column({ name: 'cancellation_date', type: 'date', nullable: true })
  cancellationDate!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  flags!: ActLifecycleState['flags'];

  /** The objet as published: pseudonymised when it names a private person. */
  @Column({ name: 'published_objet', type: 'text', nullable: true })
  publishedObjet!: string | null;

  /** The anonymiser's decision: `{ decision, reasons, redacted, review? }` — counts and codes, never values. */
  @Column({ type: 'jsonb', nullable: true })
  anonymisation!: ActAnonymisation | null;

  /** The publication policy's decision for the act (publish / withhold / review) and why. */
  @Column({ type: 'jsonb', nullable: true })
  publication!: { act: PublicationChoice; reasons: string[] } | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
