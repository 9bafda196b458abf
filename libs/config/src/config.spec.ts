import { ConfigError, loadConfig, SecretBox } from '@openactes/config';

const base = { DATABASE_URL: 'postgres://u:p@localhost:5432/db', TEMPORAL_ADDRESS: 'localhost:7233' };

describe(loadConfig.name, () => {
  it('applies defaults to a minimal environment', () => {
    const sut = loadConfig(base);
    expect(sut).toMatchObject({ nodeEnv: 'development', port: 3000, publicBaseUrl: 'http://localhost:3000', devPlatformToken: null });
    expect(sut.temporal.namespace).toBe('default');
  });

  it('lists every problem at once', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', TEMPORAL_ADDRESS: 'nope', NODE_ENV: 'staging' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (err) {
      const { problems } = err as ConfigError;
      expect(problems).toHaveLength(4);
      expect(problems.join('\n')).toMatch(/PORT.*DATABASE_URL|DATABASE_URL[\s\S]*PORT|PORT[\s\S]*DATABASE_URL/);
    }
  });

  it('refuses a database URL of another kind', () => {
    expect(() => loadConfig({ ...base, DATABASE_URL: 'mysql://x@y/z' })).toThrow(/DATABASE_URL must use/);
  });

  it('refuses a short development token', () => {
    expect(() => loadConfig({ ...base, DEV_PLATFORM_TOKEN: 'short' })).toThrow(/DEV_PLATFORM_TOKEN/);
  });

  it('reads account plans from DATA_DIR unless ACCOUNT_PLANS_DIR says where', () => {
    expect(loadConfig({ ...base, DATA_DIR: '/srv/openactes' }).accountPlansDir).toBe('/srv/openactes/account-plans');
    expect(loadConfig({ ...base, ACCOUNT_PLANS_DIR: '/srv/plans' }).accountPlansDir).toBe('/srv/plans');
  });

  it('reads the review reminder and escalation delays, 3 and 10 days by default', () => {
    expect(loadConfig(base).review).toEqual({ remindAfterMs: 3 * 86_400_000, escalateAfterMs: 10 * 86_400_000 });
    expect(loadConfig({ ...base, REVIEW_REMINDER_AFTER: '2s', REVIEW_ESCALATE_AFTER: '90m' }).review).toEqual({ remindAfterMs: 2000, escalateAfterMs: 5_400_000 });
    expect(() => loadConfig({ ...base, REVIEW_REMINDER_AFTER: 'soon' })).toThrow(/REVIEW_REMINDER_AFTER/);
    expect(() => loadConfig({ ...base, REVIEW_REMINDER_AFTER: '5d', REVIEW_ESCALATE_AFTER: '4d' })).toThrow(/REVIEW_ESCALATE_AFTER must be longer/);
  });

  it('reads session lifetimes (2 h idle, 12 h absolute by default) and OpenID Connect only when its four variables are set', () => {
    expect(loadConfig(base).sessions).toEqual({ idleMs: 7_200_000, maxMs: 43_200_000 });
    expect(loadConfig(base).oidc).toBeNull();
    expect(() => loadConfig({ ...base, OIDC_ISSUER: 'https://idp.example.org' })).toThrow(/go together/);
    const oidc = { OIDC_ISSUER: 'https://idp.example.org/', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's', OIDC_REDIRECT_URI: 'https://actes.example.org/api/v1/session/oidc/callback' };
    expect(loadConfig({ ...base, ...oidc }).oidc).toMatchObject({ issuer: 'https://idp.example.org', clientId: 'c', roleClaim: null });
    expect(() => loadConfig({ ...base, SESSION_IDLE: '3h', SESSION_MAX: '1h' })).toThrow(/SESSION_MAX/);
    expect(loadConfig({ ...base, NODE_ENV: 'production', SECRETS_KEY: SecretBox.generateKey() }).logFormat).toBe('json');
    expect(loadConfig(base).logFormat).toBe('text');
  });
});
