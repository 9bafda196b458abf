import type { NatureAbbrev, PublicationChoice } from '@openactes/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A tenant: the collectivity that decides and transmits acts. */
@Entity({ name: 'collectivity' })
export class CollectivityEntity {
  @PrimaryColumn({ type: 'char', length: 9 })
  siren!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'char', length: 14, nullable: true })
  siret!: string | null;

  @Column({ type: 'char', length: 3, nullable: true })
  departement!: string | null;

  /** Kind of collectivity (commune, EPCI, département…), free text until a code list is adopted. */
  @Column({ type: 'text', nullable: true })
  kind!: string | null;

  /** The collectivity's own publication choices by nature, over the defaults (e.g. `{ "AI": "publish" }`). */
  @Column({ name: 'publication_overrides', type: 'jsonb', default: () => "'{}'" })
  publicationOverrides!: Partial<Record<NatureAbbrev, PublicationChoice>>;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
