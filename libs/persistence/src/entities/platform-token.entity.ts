import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An API token of a platform: only its SHA-256 is stored; the token is shown once. */
@Entity({ name: 'platform_token' })
export class PlatformTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'platform_id', type: 'uuid' })
  platformId!: string;

  @Column({ name: 'token_hash', type: 'char', length: 64, unique: true, select: false })
  tokenHash!: string;

  /** The first characters, to recognise a token in lists without revealing it. */
  @Column({ name: 'token_prefix', type: 'text' })
  tokenPrefix!: string;

  @Column({ type: 'char', length: 9, array: true })
  sirens!: string[];

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;
}
