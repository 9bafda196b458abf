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
  /** Encrypts stored credentials (portal API keys, webhook secrets); SECRETS_KEY is required in production. */
  secrets: SecretBox;
}

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
    accountPlansDir: path.resolve(str('ACCOUNT_PLANS_DIR', path.join(str('DATA_DIR', '.data'), 'account-plans'))),
    secrets,
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
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
