import { createHash, randomBytes } from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { CodedError, sirenIsValid } from '@openactes/domain';
import type { DataSource } from 'typeorm';
import type { AuditLog } from './audit-log';
import { AppSessionEntity } from './entities/app-session.entity';
import { AppUserEntity, USER_ROLES, type UserRole } from './entities/app-user.entity';

export interface NewUser {
  username: string;
  displayName?: string;
  role: UserRole;
  sirens?: string[];
  /** Absent for an account that only logs in through OpenID Connect. */
  password?: string;
  oidcSubject?: string | null;
}

export interface UserChange {
  role?: UserRole;
  sirens?: string[];
  active?: boolean;
  password?: string;
  displayName?: string;
  oidcSubject?: string | null;
}

export interface SessionMeta {
  ip?: string | null;
  userAgent?: string | null;
}

export interface OpenedSession {
  /** The cookie's value: shown to the browser once, only its SHA-256 is stored. */
  token: string;
  csrfToken: string;
  user: AppUserEntity;
  expiresAt: Date;
}

export interface ActiveSession {
  sessionId: string;
  csrfToken: string;
  user: AppUserEntity;
}

export const LOGIN_THROTTLE = { attempts: 5, windowMs: 15 * 60_000 };
const MIN_PASSWORD_LENGTH = 12;
const USERNAME = /^[a-z0-9][a-z0-9._@-]{1,63}$/;

/** Console accounts (argon2id password hashes) and their sessions; every change is an audit event, never a secret. */
export class UserStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly lifetimes: { idleMs: number; maxMs: number } = { idleMs: 2 * 3_600_000, maxMs: 12 * 3_600_000 },
  ) {}

  async create(input: NewUser, actor: string): Promise<AppUserEntity> {
    const username = normaliseUsername(input.username);
    const role = assertRole(input.role);
    const sirens = normaliseSirens(role, input.sirens ?? []);
    const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
    if (passwordHash === null && !input.oidcSubject) throw new CodedError('VALIDATION_FAILED', 'An account needs a password or an OpenID Connect subject');
    return this.dataSource.transaction(async (m) => {
      const [taken] = (await m.query(`SELECT 1 FROM app_user WHERE username = $1 OR ($2::text IS NOT NULL AND oidc_subject = $2)`, [
        username,
        input.oidcSubject ?? null,
      ])) as unknown[];
      if (taken) throw new CodedError('CONFLICT', `An account named ${username} (or with this OpenID subject) exists`, { username });
      const saved = await m.getRepository(AppUserEntity).save({
        username,
        displayName: input.displayName?.trim() || username,
        role,
        sirens,
        passwordHash,
        oidcSubject: input.oidcSubject ?? null,
        active: true,
        createdAt: new Date(),
        lastLoginAt: null,
      });
      await this.audit.append(
        { actor, action: 'user.created', subjectType: 'user', subjectId: saved.id, outcome: 'ok',
          details: { username, role, sirens, local: passwordHash !== null, oidc: saved.oidcSubject !== null } },
        m,
      );
      return withoutHash(saved);
    });
  }

  async update(id: string, change: UserChange, actor: string): Promise<AppUserEntity> {
    const passwordHash = change.password === undefined ? undefined : await hashPassword(change.password);
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(AppUserEntity);
      const user = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new CodedError('NOT_FOUND', `No account ${id}`, { id });
      const role = change.role === undefined ? user.role : assertRole(change.role);
      const sirens = change.sirens === undefined && change.role === undefined ? user.sirens : normaliseSirens(role, change.sirens ?? user.sirens);
      const patch: Partial<AppUserEntity> = { role, sirens };
      if (change.active !== undefined) patch.active = change.active;
      if (change.displayName !== undefined) patch.displayName = change.displayName.trim() || user.username;
      if (change.oidcSubject !== undefined) patch.oidcSubject = change.oidcSubject;
      if (passwordHash !== undefined) patch.passwordHash = passwordHash;
      await repo.update({ id }, patch);
      // A disabled account, a new password or new rights end the sessions opened before.
      if (change.active === false || passwordHash !== undefined || change.role !== undefined || change.sirens !== undefined) {
        await m.query(`DELETE FROM app_session WHERE user_id = $1`, [id]);
      }
      const changed = Object.keys(change).filter((k) => k !== 'password');
      await this.audit.append(
        { actor, action: 'user.updated', subjectType: 'user', subjectId: id, outcome: 'ok',
          details: { username: user.username, changed, passwordChanged: passwordHash !== undefined, role, sirens, active: patch.active ?? user.active } },
        m,
      );
      return repo.findOneByOrFail({ id });
    });
  }

  async list(): Promise<AppUserEntity[]> {
    return this.dataSource.getRepository(AppUserEntity).find({ order: { username: 'ASC' } });
  }

  async findByUsername(username: string): Promise<AppUserEntity | null> {
    return this.dataSource.getRepository(AppUserEntity).findOneBy({ username: username.trim().toLowerCase() });
  }

  async findByOidcSubject(subject: string): Promise<AppUserEntity | null> {
    return this.dataSource.getRepository(AppUserEntity).findOneBy({ oidcSubject: subject });
  }

  /**
   * Checks a username and password; every attempt is an audit event (the throttle
   * counts the failed ones). 429 after LOGIN_THROTTLE.attempts failures in the window.
   */
  async checkPassword(usernameRaw: string, password: string, meta: SessionMeta): Promise<AppUserEntity> {
    const username = usernameRaw.trim().toLowerCase().slice(0, 64);
    const [{ failures }] = (await this.dataSource.query(
      `SELECT count(*)::int AS failures FROM audit_event
        WHERE action = 'session.login_failed' AND subject_type = 'username' AND subject_id = $1 AND at > $2`,
      [username, new Date(Date.now() - LOGIN_THROTTLE.windowMs)],
    )) as { failures: number }[];
    if (failures >= LOGIN_THROTTLE.attempts) {
      await this.audit.append({ actor: `user:${username}`, action: 'session.login_throttled', subjectType: 'username', subjectId: username, outcome: 'rejected', details: { ip: meta.ip ?? null } });
      throw new CodedError('RATE_LIMITED', 'Too many failed logins for this account: try again later', { retryAfterSeconds: Math.ceil(LOGIN_THROTTLE.windowMs / 1000) });
    }
    const user = await this.dataSource
      .getRepository(AppUserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :username', { username })
      .getOne();
    const ok = user?.passwordHash ? await argon2Verify(user.passwordHash, password).catch(() => false) : false;
    if (!user || !ok || !user.active) {
      await this.audit.append({
        actor: `user:${username}`, action: 'session.login_failed', subjectType: 'username', subjectId: username, outcome: 'rejected',
        details: { reason: !user ? 'unknown_user' : !ok ? 'wrong_password' : 'disabled', ip: meta.ip ?? null },
      });
      throw new CodedError('INVALID_CREDENTIALS', 'Unknown username or wrong password');
    }
    return withoutHash(user);
  }

  /** A new session for a user who just proved who they are; `replacing` (the previous cookie's session) is ended: rotation on login. */
  async openSession(user: AppUserEntity, meta: SessionMeta & { method: 'password' | 'oidc'; replacing?: string | null }): Promise<OpenedSession> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.lifetimes.maxMs);
    await this.dataSource.transaction(async (m) => {
      if (meta.replacing) await m.query(`DELETE FROM app_session WHERE id = $1`, [sessionId(meta.replacing)]);
      await m.getRepository(AppSessionEntity).insert({
        id: sessionId(token), userId: user.id, csrfToken, createdAt: now, expiresAt, lastSeenAt: now,
        ip: meta.ip?.slice(0, 64) ?? null, userAgent: meta.userAgent?.slice(0, 256) ?? null,
      });
      await m.query(`UPDATE app_user SET last_login_at = $2 WHERE id = $1`, [user.id, now]);
      await this.audit.append(
        { actor: `user:${user.username}`, action: 'session.login', subjectType: 'user', subjectId: user.id, outcome: 'ok', details: { method: meta.method, ip: meta.ip ?? null } },
        m,
      );
    });
    return { token, csrfToken, user, expiresAt };
  }

  /** The session a cookie designates, if still valid (idle and absolute limits); touches it. */
  async session(token: string): Promise<ActiveSession | null> {
    const id = sessionId(token);
    const now = new Date();
    const [row] = (await this.dataSource.query(
      `UPDATE app_session s SET last_seen_at = $2
         FROM app_user u
        WHERE s.id = $1 AND u.id = s.user_id AND u.active AND s.expires_at > $2 AND s.last_seen_at > $3
        RETURNING s.csrf_token, u.id, u.username, u.display_name, u.role, u.sirens, u.oidc_subject, u.active, u.created_at, u.last_login_at`,
      [id, now, new Date(now.getTime() - this.lifetimes.idleMs)],
    )) as [Record<string, unknown>[], number];
    const found = row?.[0];
    if (!found) {
      await this.dataSource.query(`DELETE FROM app_session WHERE id = $1`, [id]);
      return null;
    }
    const user = Object.assign(new AppUserEntity(), {
      id: found.id as string,
      username: found.username as string,
      displayName: found.display_name as string,
      role: found.role as UserRole,
      sirens: found.sirens as string[],
      oidcSubject: found.oidc_subject as string | null,
      active: found.active as boolean,
      createdAt: found.created_at as Date,
      lastLoginAt: found.last_login_at as Date | null,
    });
    return { sessionId: id, csrfToken: found.csrf_token as string, user };
  }

  async closeSession(token: string, user: AppUserEntity): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query(`DELETE FROM app_session WHERE id = $1`, [sessionId(token)]);
      await this.audit.append({ actor: `user:${user.username}`, action: 'session.logout', subjectType: 'user', subjectId: user.id, outcome: 'ok' }, m);
    });
  }
}

export function sessionId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function hashPassword(password: string): Promise<string> {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH || password.length > 1024) {
    throw new CodedError('VALIDATION_FAILED', `A password needs ${MIN_PASSWORD_LENGTH} to 1024 characters`);
  }
  // @node-rs/argon2 hashes with argon2id by default (its Algorithm enum is const, so not importable under SWC).
  return argon2Hash(password, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

function withoutHash(user: AppUserEntity): AppUserEntity {
  const { passwordHash: _hash, ...rest } = user;
  return Object.assign(new AppUserEntity(), rest);
}

function normaliseUsername(raw: string): string {
  const username = (raw ?? '').trim().toLowerCase();
  if (!USERNAME.test(username)) throw new CodedError('VALIDATION_FAILED', 'A username is 2 to 64 characters: letters, digits, dot, dash, underscore, @', { username });
  return username;
}

function assertRole(role: string): UserRole {
  if (!(USER_ROLES as readonly string[]).includes(role)) throw new CodedError('VALIDATION_FAILED', `Unknown role ${role} (admin, reviewer or clerk)`, { role });
  return role as UserRole;
}

function normaliseSirens(role: UserRole, raw: string[]): string[] {
  const sirens = [...new Set(raw.map((s) => s.trim()).filter(Boolean))];
  for (const siren of sirens) if (!sirenIsValid(siren)) throw new CodedError('VALIDATION_FAILED', `${siren} is not a valid SIREN`, { siren });
  if (role === 'clerk' && !sirens.length) throw new CodedError('VALIDATION_FAILED', 'A clerk needs at least one collectivity (SIREN)');
  return role === 'clerk' ? sirens : [];
}
