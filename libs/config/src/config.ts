import * as path from 'node:path';
import { DEFAULT_TASK_QUEUE } from '@openactes/contracts';
import { SecretBox } from './secret-box';

/**
 * The environment of the gateway and the worker, validated once at boot.
 * A bad value stops the process with every problem listed.
 */
export interface AppConfig {
  nodeEnv: 'development' | 'test' | 'production';
  host: string;
  port: number;
  publicBaseUrl: string;
  databaseUrl: string;
  temporal: { address: string; namespace: string; taskQueue: string; uiUrl: string | null };
  devPlatformToken: string | null;
  maxArchiveBytes: number;
  migrateOnBoot: boolean;
  workerShutdownGraceMs: number;
  /** Folder of the DGFiP account plans (planDeCompte XML) the operator provides, read to label budgets. */
  accountPlansDir: string;
  /** A held act's reminder, then escalation, after this long without a review decision (REVIEW_REMINDER_AFTER, REVIEW_ESCALATE_AFTER). */
  review: { remindAfterMs: number; escalateAfterMs: number };
  /** A dataset is regenerated once no change came for `debounceMs`, or `maxDelayMs` after its first pending change (DATASET_DEBOUNCE, DATASET_MAX_DELAY). */
  datasets: { debounceMs: number; maxDelayMs: number };
  /** How the DCAT catalogue names the platform (CATALOGUE_TITLE, CATALOGUE_DESCRIPTION, PUBLISHER_NAME). */
  catalogue: { title: string; description: string; publisherName: string };
  /** Encrypts stored credentials (portal API keys, webhook secrets); SECRETS_KEY is required in production. */
  secrets: SecretBox;
  /** Requests per minute per platform token and per anonymous client address, per gateway instance; 0 disables. */
  rateLimit: { perTokenPerMinute: number; anonymousPerMinute: number };
  /** Reverse proxies in front of the gateway whose X-Forwarded-For is trusted (0: use the socket's address). */
  trustProxyHops: number;
  /** How long one HTTP call to a portal (udata, CKAN) may take before the attempt fails as PORTAL_UNAVAILABLE and is retried (PORTAL_TIMEOUT). */
  portals: { timeoutMs: number };
  /** Console sessions: idle and absolute lifetimes (SESSION_IDLE, SESSION_MAX). */
  sessions: { idleMs: number; maxMs: number };
  /** OpenID Connect login, off unless OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URI are all set. */
  oidc: { issuer: string; clientId: string; clientSecret: string; redirectUri: string; roleClaim: string | null; sirenClaim: string | null } | null;
  /** Bearer token required by /metrics (METRICS_TOKEN); open when unset outside production. */
  metricsToken: string | null;
  /** One JSON object per log line (LOG_FORMAT=json, the default in production) or text. */
  logFormat: 'json' | 'text';
}

/** Every environment variable loadConfig reads (deployment files are checked against it). */
export const CONFIG_VARIABLES = [
  'NODE_ENV',
  'HOST',
  'PORT',
  'PUBLIC_BASE_URL',
  'DATABASE_URL',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'TEMPORAL_TASK_QUEUE',
  'TEMPORAL_UI_URL',
  'DEV_PLATFORM_TOKEN',
  'MAX_ARCHIVE_BYTES',
  'DB_MIGRATE_ON_BOOT',
  'WORKER_SHUTDOWN_GRACE_MS',
  'DATA_DIR',
  'ACCOUNT_PLANS_DIR',
  'SECRETS_KEY',
  'REVIEW_REMINDER_AFTER',
  'REVIEW_ESCALATE_AFTER',
  'DATASET_DEBOUNCE',
  'CATALOGUE_TITLE',
  'CATALOGUE_DESCRIPTION',
  'PUBLISHER_NAME',
  'DATASET_MAX_DELAY',
  'RATE_LIMIT_PER_MINUTE',
  'RATE_LIMIT_ANON_PER_MINUTE',
  'TRUST_PROXY_HOPS',
  'PORTAL_TIMEOUT',
  'SESSION_IDLE',
  'SESSION_MAX',
  'OIDC_ISSUER',
  'OIDC_CLIENT_ID',
  'OIDC_CLIENT_SECRET',
  'OIDC_REDIRECT_URI',
  'OIDC_ROLE_CLAIM',
  'OIDC_SIREN_CLAIM',
  'METRICS_TOKEN',
  'LOG_FORMAT',
] as const;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const str = (name: string, fallback?: string): string => {
    const v = env[name]?.trim();
    if (v) return v;
    if (fallback !== undefined) return fallback;
    problems.push(`${name} is required`);
    return '';
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name]?.trim().toLowerCase();
    if (!raw) return fallback;
    if (['1', 'true', 'yes'].includes(raw)) return true;
    if (['0', 'false', 'no'].includes(raw)) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };
  const url = (name: string, value: string, protocols: string[]): string => {
    if (!value) return value;
    try {
      const u = new URL(value);
      if (!protocols.includes(u.protocol)) problems.push(`${name} must use ${protocols.join(' or ')} (got ${u.protocol})`);
    } catch {
      problems.push(`${name} is not a valid URL`);
    }
    return value;
  };

  const nodeEnvRaw = str('NODE_ENV', 'development');
  if (!['development', 'test', 'production'].includes(nodeEnvRaw)) {
    problems.push(`NODE_ENV must be development, test or production (got "${nodeEnvRaw}")`);
  }
  const port = int('PORT', 3000, 0, 65535);
  const temporalAddress = str('TEMPORAL_ADDRESS');
  if (temporalAddress && !/^[\w.-]+:\d+$/.test(temporalAddress)) {
    problems.push(`TEMPORAL_ADDRESS must be host:port (got "${temporalAddress}")`);
  }
  const devToken = env.DEV_PLATFORM_TOKEN?.trim() || null;
  if (devToken && devToken.length < 16) problems.push('DEV_PLATFORM_TOKEN must be at least 16 characters');

  const duration = (name: string, fallback: string): number => {
    const raw = env[name]?.trim() || fallback;
    const m = /^(\d+)\s*(ms|s|m|h|d)$/.exec(raw);
    if (!m || Number(m[1]) <= 0) {
      problems.push(`${name} must be a positive duration such as 90s, 15m, 12h or 3d (got "${raw}")`);
      return 0;
    }
    return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
  };
  const review = { remindAfterMs: duration('REVIEW_REMINDER_AFTER', '3d'), escalateAfterMs: duration('REVIEW_ESCALATE_AFTER', '10d') };
  if (review.remindAfterMs && review.escalateAfterMs && review.escalateAfterMs <= review.remindAfterMs) {
    problems.push('REVIEW_ESCALATE_AFTER must be longer than REVIEW_REMINDER_AFTER');
  }

  const datasets = { debounceMs: duration('DATASET_DEBOUNCE', '10s'), maxDelayMs: duration('DATASET_MAX_DELAY', '2m') };
  if (datasets.debounceMs > datasets.maxDelayMs) problems.push('DATASET_MAX_DELAY must not be shorter than DATASET_DEBOUNCE');

  const sessions = { idleMs: duration('SESSION_IDLE', '2h'), maxMs: duration('SESSION_MAX', '12h') };
  if (sessions.idleMs > sessions.maxMs) problems.push('SESSION_MAX must not be shorter than SESSION_IDLE');
  const oidc = oidcSettings(env, problems);
  const logFormat = str('LOG_FORMAT', nodeEnvRaw === 'production' ? 'json' : 'text');
  if (!['json', 'text'].includes(logFormat)) problems.push(`LOG_FORMAT must be json or text (got "${logFormat}")`);
  const metricsToken = env.METRICS_TOKEN?.trim() || null;

  const secrets = secretBox(env.SECRETS_KEY?.trim(), nodeEnvRaw === 'production', problems);

  const config: AppConfig = {
    nodeEnv: nodeEnvRaw as AppConfig['nodeEnv'],
    host: str('HOST', '127.0.0.1'),
    port,
    publicBaseUrl: url('PUBLIC_BASE_URL', str('PUBLIC_BASE_URL', `http://localhost:${port}`), ['http:', 'https:']).replace(/\/+$/, ''),
    databaseUrl: url('DATABASE_URL', str('DATABASE_URL'), ['postgres:', 'postgresql:']),
    temporal: {
      address: temporalAddress,
      namespace: str('TEMPORAL_NAMESPACE', 'default'),
      taskQueue: str('TEMPORAL_TASK_QUEUE', DEFAULT_TASK_QUEUE),
      uiUrl: env.TEMPORAL_UI_URL?.trim() ? url('TEMPORAL_UI_URL', env.TEMPORAL_UI_URL.trim(), ['http:', 'https:']) : null,
    },
    devPlatformToken: devToken,
    maxArchiveBytes: int('MAX_ARCHIVE_BYTES', 50 * 1024 * 1024, 1024, 2 * 1024 * 1024 * 1024),
    migrateOnBoot: bool('DB_MIGRATE_ON_BOOT', true),
    workerShutdownGraceMs: int('WORKER_SHUTDOWN_GRACE_MS', 30_000, 0, 3_600_000),
    review,
    datasets,
    catalogue: {
      title: str('CATALOGUE_TITLE', 'Open Actes — données ouvertes des collectivités'),
      description: str('CATALOGUE_DESCRIPTION', 'Actes, budgets et données de la commande publique transmis par les collectivités, publiés en données ouvertes (Licence Ouverte 2.0).'),
      publisherName: str('PUBLISHER_NAME', 'Open Actes'),
    },
    accountPlansDir: path.resolve(str('ACCOUNT_PLANS_DIR', path.join(str('DATA_DIR', '.data'), 'account-plans'))),
    secrets,
    // Off by default under NODE_ENV=test: tests poll fast, and the ones about limits set them.
    rateLimit: {
      perTokenPerMinute: int('RATE_LIMIT_PER_MINUTE', nodeEnvRaw === 'test' ? 0 : 600, 0, 1_000_000),
      anonymousPerMinute: int('RATE_LIMIT_ANON_PER_MINUTE', nodeEnvRaw === 'test' ? 0 : 300, 0, 1_000_000),
    },
    trustProxyHops: int('TRUST_PROXY_HOPS', 0, 0, 10),
    portals: { timeoutMs: duration('PORTAL_TIMEOUT', '60s') },
    sessions,
    oidc,
    metricsToken,
    logFormat: logFormat as AppConfig['logFormat'],
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

function oidcSettings(env: Env, problems: string[]): AppConfig['oidc'] {
  const issuer = env.OIDC_ISSUER?.trim();
  const clientId = env.OIDC_CLIENT_ID?.trim();
  const clientSecret = env.OIDC_CLIENT_SECRET?.trim();
  const redirectUri = env.OIDC_REDIRECT_URI?.trim();
  const given = [issuer, clientId, clientSecret, redirectUri].filter(Boolean).length;
  if (given === 0) return null;
  if (given < 4 || !issuer || !clientId || !clientSecret || !redirectUri) {
    problems.push('OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URI go together (set all four, or none)');
    return null;
  }
  for (const [name, value] of [['OIDC_ISSUER', issuer], ['OIDC_REDIRECT_URI', redirectUri]] as const) {
    try {
      if (!['http:', 'https:'].includes(new URL(value).protocol)) problems.push(`${name} must use http: or https:`);
    } catch {
      problems.push(`${name} is not a valid URL`);
    }
  }
  return {
    issuer: issuer.replace(/\/+$/, ''),
    clientId,
    clientSecret,
    redirectUri,
    roleClaim: env.OIDC_ROLE_CLAIM?.trim() || null,
    sirenClaim: env.OIDC_SIREN_CLAIM?.trim() || null,
  };
}

function secretBox(key: string | undefined, production: boolean, problems: string[]): SecretBox {
  if (!key) {
    if (production) problems.push('SECRETS_KEY is required in production (32 random bytes, base64: openssl rand -base64 32)');
    return SecretBox.forDevelopment();
  }
  try {
    return SecretBox.fromKey(key);
  } catch (err) {
    problems.push((err as Error).message);
    return SecretBox.forDevelopment();
  }
}
