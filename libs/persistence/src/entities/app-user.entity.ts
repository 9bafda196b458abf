import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const USER_ROLES = ['admin', 'reviewer', 'clerk'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** A console account: local (argon2id hash) or linked to an OpenID Connect subject. */
@Entity({ name: 'app_user' })
export class AppUserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  username!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ type: 'text' })
  role!: UserRole;

  /** Clerks: the collectivities they may see. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  sirens!: string[];

  @Column({ name: 'password_hash', type: 'text', nullable: true, select: false })
  passwordHash!: string | null;

  @Column({ name: 'oidc_subject', type: 'text', nullable: true, unique: true })
  oidcSubject!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;
}
