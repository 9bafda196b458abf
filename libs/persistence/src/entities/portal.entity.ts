import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An open data portal (udata, CKAN) we publish datasets to. */
@Entity({ name: 'portal' })
export class PortalEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  kind!: 'udata' | 'ckan';

  @Column({ type: 'text', unique: true })
  name!: string;

  @Column({ name: 'base_url', type: 'text' })
  baseUrl!: string;

  /** The API key sealed with SECRETS_KEY (SecretBox); never selected by default, never listed. */
  @Column({ name: 'api_key_sealed', type: 'text', select: false })
  apiKeySealed!: string;

  /** udata organization id / CKAN owner_org. */
  @Column({ type: 'text', nullable: true })
  organization!: string | null;

  /** Null: the syndicate's own portal, which gets every dataset; a SIREN: that collectivity's datasets only. */
  @Column({ type: 'char', length: 9, nullable: true })
  siren!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
