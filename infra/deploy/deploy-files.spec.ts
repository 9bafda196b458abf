import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES } from '@openactes/config';
import { DEFAULT_TASK_QUEUE } from '@openactes/contracts';
import { COMMANDS } from '../../apps/cli/src/commands';

/**
 * Static checks of the deployment files (no Docker engine nor Helm here): they
 * parse, pin their images, set only variables the apps know, and keep the
 * invariants a review would look for (health checks, non-root, probes, limits).
 */
const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const KNOWN = new Set<string>(CONFIG_VARIABLES);
/** `NAME_FILE` is read by the image's entrypoint and becomes NAME. */
const knownVariable = (name: string) => KNOWN.has(name) || (name.endsWith('_FILE') && KNOWN.has(name.slice(0, -'_FILE'.length)));
/** `${VAR:-default}` → default, `${VAR}` → '' : what compose runs with no .env. */
const withDefaults = (value: string) => value.replace(/\$\{[A-Z0-9_]+(?::?-([^}]*))?\}/g, (_, fallback: string | undefined) => fallback ?? '');

function assertPinned(image: string, where: string): void {
  const match = /^(?<name>[a-z0-9./_-]+)(?::(?<tag>[\w.-]+))?(?:@sha256:[0-9a-f]{64})?$/.exec(image);
  expect({ where, image, valid: Boolean(match) }).toEqual({ where, image, valid: true });
  const { tag } = match!.groups!;
  expect({ where, image, pinned: Boolean(tag) && tag !== 'latest' && /\d/.test(tag) }).toEqual({ where, image, pinned: true });
}

describe('configuration variables', () => {
  it('CONFIG_VARIABLES lists exactly the variables loadConfig reads (by its helpers str, int, duration… or env.NAME)', () => {
    const source = read('libs/config/src/config.ts');
    const read_ = new Set([...source.matchAll(/\b[a-z]\w*\('([A-Z][A-Z0-9_]+)'|\benv\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1] ?? m[2]));
    expect([...read_].sort()).toEqual([...KNOWN].sort());
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('infra/docker/Dockerfile');
  const stages = new Map<string, string[]>();
  let current: string[] = [];
  for (const line of dockerfile.replace(/\\\n/g, ' ').split('\n')) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stages.set(from[2] ?? from[1], (current = []));
    if (/^[A-Z]+\s/.test(line)) current.push(line);
  }
  const args = new Map([...dockerfile.matchAll(/^ARG\s+([A-Z_]+)=(\S+)/gm)].map((m) => [m[1], m[2]]));

  it('has a gateway and a worker target, each with a HEALTHCHECK and a non-root USER last', () => {
    for (const target of ['gateway', 'worker']) {
      const lines = stages.get(target);
      expect(lines).toBeDefined();
      expect(lines!.some((l) => l.startsWith('HEALTHCHECK'))).toBe(true);
      const users = lines!.filter((l) => l.startsWith('USER'));
      expect(users.at(-1)).toMatch(/^USER\s+(?!root\b|0\b)\S+/);
      expect(lines!.findIndex((l) => l.startsWith('USER'))).toBeLessThan(lines!.findIndex((l) => l.startsWith('CMD')));
    }
  });

  it('builds from a pinned Debian Node 20 image', () => {
    for (const [, image] of dockerfile.matchAll(/^FROM\s+(\S+)/gm)) {
      const resolved = image.replace(/\$\{([A-Z_]+)\}/g, (_, name: string) => args.get(name) ?? '');
      if (stages.has(resolved)) continue; // FROM an earlier stage
      assertPinned(resolved, 'Dockerfile');
      expect(resolved).toMatch(/^node:20\.\d+\.\d+-bookworm-slim$/);
    }
  });

  it('installs from the lockfile and prunes dev dependencies', () => {
    expect(dockerfile).toMatch(/npm ci\b/);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
  });

  it('copies files that exist, and runs what it copies', () => {
    const copied = [...dockerfile.matchAll(/^COPY --from=build (.+) (\S+)$/gm)].flatMap((m) => m[1].split(/\s+/));
    for (const source of copied.filter((s) => !s.includes('node_modules'))) {
      expect({ source, exists: fs.existsSync(path.join(ROOT, source.replace(/^\/app\//, ''))) }).toEqual({ source, exists: true });
    }
    expect(copied).toEqual(expect.arrayContaining(['/app/infra/register.cjs', '/app/infra/docker/entrypoint.sh', '/app/infra/docker/worker-health.cjs']));
    expect(stages.get('worker')!.join('\n')).toContain('infra/worker-health.cjs');
  });

  it('leaves dependencies and local state out of the build context', () => {
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '.git', '.data', '.env']));
  });

  it('defaults the worker health check to the task queue of the apps', () => {
    expect(read('infra/docker/worker-health.cjs')).toContain(`'${DEFAULT_TASK_QUEUE}'`);
  });
});

describe('compose.yaml', () => {
  type Service = {
    image?: string;
    restart?: string;
    healthcheck?: { test: unknown };
    depends_on?: Record<string, { condition: string }>;
    environment?: Record<string, string>;
    secrets?: string[];
    deploy?: { replicas?: number | string };
    read_only?: boolean;
  };
  const source = read('infra/compose/compose.yaml');
  const compose = parse(source, { merge: true }) as { services: Record<string, Service>; secrets: Record<string, { file: string }> };
  const services = Object.entries(compose.services);
  const dependents = (name: string) => services.flatMap(([, s]) => Object.entries(s.depends_on ?? {}).filter(([dep]) => dep === name).map(([, d]) => d.condition));
  const isOneShot = (name: string, s: Service) => s.restart === 'no' && dependents(name).length > 0 && dependents(name).every((c) => c === 'service_completed_successfully');

  it('gives every long-running service a health check (one-shot setup jobs excepted)', () => {
    const missing = services.filter(([name, s]) => !s.healthcheck && !isOneShot(name, s)).map(([name]) => name);
    expect(missing).toEqual([]);
    expect(services.filter(([name, s]) => isOneShot(name, s)).map(([name]) => name).sort()).toEqual(['temporal-namespace', 'temporal-schema']);
  });

  it('pins every image', () => {
    for (const [name, s] of services) {
      expect({ name, image: Boolean(s.image) }).toEqual({ name, image: true });
      assertPinned(withDefaults(s.image!), name);
    }
  });

  it('starts services in order, on conditions that can be met', () => {
    for (const [name, s] of services) {
      for (const [dep, { condition }] of Object.entries(s.depends_on ?? {})) {
        expect({ name, dep, exists: dep in compose.services }).toEqual({ name, dep, exists: true });
        expect(['service_healthy', 'service_completed_successfully']).toContain(condition);
        if (condition === 'service_healthy') expect({ dep, healthcheck: Boolean(compose.services[dep].healthcheck) }).toEqual({ dep, healthcheck: true });
      }
    }
    expect(compose.services.worker.depends_on).toHaveProperty('gateway.condition', 'service_healthy');
  });

  it('runs Temporal on its own PostgreSQL, apart from the application database', () => {
    const temporal = compose.services.temporal;
    expect(temporal.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'temporal-db' });
    expect(withDefaults(compose.services['temporal-db'].image!)).toMatch(/^postgres:16\./);
    expect(withDefaults(compose.services['app-db'].image!)).toMatch(/^postgres:16\./);
    expect(compose.services['temporal-ui']).toBeDefined();
  });

  it('runs the gateway with migrations on boot and three workers', () => {
    expect(compose.services.gateway.environment).toMatchObject({ DB_MIGRATE_ON_BOOT: 'true', NODE_ENV: 'production' });
    expect(Number(withDefaults(String(compose.services.worker.deploy?.replicas)))).toBe(3);
  });

  it('sets only variables the apps know, secrets as files from declared Docker secrets', () => {
    const entrypoint = read('infra/docker/entrypoint.sh');
    for (const name of ['gateway', 'worker']) {
      const s = compose.services[name];
      const unknown = Object.keys(s.environment ?? {}).filter((v) => !knownVariable(v));
      expect({ name, unknown }).toEqual({ name, unknown: [] });
      for (const v of Object.keys(s.environment ?? {}).filter((k) => k.endsWith('_FILE'))) {
        expect(entrypoint).toMatch(new RegExp(`\\b${v.slice(0, -'_FILE'.length)}\\b`));
      }
      expect(s.environment).not.toHaveProperty('DATABASE_URL');
      expect(s.environment).not.toHaveProperty('SECRETS_KEY');
      expect(s.read_only).toBe(true);
      for (const secret of s.secrets ?? []) expect(compose.secrets).toHaveProperty(secret);
    }
    expect(compose.services.gateway.secrets).toEqual(expect.arrayContaining(['database_url', 'secrets_key']));
  });

  it('documents in .env.example every variable compose needs without a default', () => {
    const required = new Set([...source.matchAll(/\$\{([A-Z0-9_]+)(:?\?[^}]*)?\}/g)].map((m) => m[1]));
    const example = new Set([...read('infra/compose/.env.example').matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]));
    expect([...required].filter((v) => !example.has(v))).toEqual([]);
  });
});

describe('Helm chart', () => {
  const chartDir = 'infra/helm/openactes';
  const chart = parse(read(`${chartDir}/Chart.yaml`)) as {
    apiVersion: string;
    version: string;
    appVersion: string;
    dependencies: { name: string; version: string; repository: string; condition: string }[];
  };
  const values = parse(read(`${chartDir}/values.yaml`)) as Record<string, unknown> & { config: Record<string, string> };
  const templateFiles = fs.readdirSync(path.join(ROOT, chartDir, 'templates'));
  const templates = new Map(templateFiles.map((f) => [f, read(`${chartDir}/templates/${f}`)]));
  const template = (file: string): string => {
    const text = templates.get(file);
    if (text === undefined) throw new Error(`no template ${file}`);
    return text;
  };
  const at = (object: unknown, dotted: string): unknown =>
    dotted.split('.').reduce<unknown>((o, key) => (o && typeof o === 'object' && key in o ? (o as Record<string, unknown>)[key] : undefined), object);

  it('has the official Temporal chart as an optional, pinned dependency', () => {
    expect(chart.apiVersion).toBe('v2');
    expect(chart.dependencies).toEqual([
      { name: 'temporal', version: expect.stringMatching(/^\d+\.\d+\.\d+$/), repository: 'https://go.temporal.io/helm-charts', condition: 'temporal.enabled' },
    ]);
    expect(at(values, 'temporal.enabled')).toBe(false);
    expect(at(values, 'temporal.server.config.persistence.default.sql.driver')).toBe('postgres12');
  });

  it('pins the images and sets only variables the apps know', () => {
    for (const name of ['gateway', 'worker']) assertPinned(`${at(values, `image.${name}.repository`) as string}:${at(values, `image.${name}.tag`) as string}`, name);
    expect(Object.keys(values.config).filter((v) => !KNOWN.has(v))).toEqual([]);
    const templateEnv = [...templates.values()].flatMap((t) => [...t.matchAll(/^\s*- name: ([A-Z][A-Z0-9_]+)\s*$/gm)].map((m) => m[1]));
    expect(templateEnv.length).toBeGreaterThan(0);
    expect(templateEnv.filter((v) => !KNOWN.has(v))).toEqual([]);
    expect(values.config.TEMPORAL_TASK_QUEUE).toBe(DEFAULT_TASK_QUEUE);
  });

  it('refers only to values that exist and helpers that are defined, with balanced blocks', () => {
    const helpers = template('_helpers.tpl');
    const defined = new Set([...helpers.matchAll(/\{\{-? define "([^"]+)"/g)].map((m) => m[1]));
    for (const [file, text] of templates) {
      for (const [, ref] of text.matchAll(/\$?\.Values\.([A-Za-z0-9_.]+)/g)) {
        expect({ file, ref, defined: at(values, ref) !== undefined }).toEqual({ file, ref, defined: true });
      }
      for (const [, name] of text.matchAll(/include "([^"]+)"/g)) expect({ file, name, defined: defined.has(name) }).toEqual({ file, name, defined: true });
      const opened = [...text.matchAll(/\{\{-?\s*(?:if|range|with|define)\b/g)].length;
      const closed = [...text.matchAll(/\{\{-?\s*end\b/g)].length;
      expect({ file, opened }).toEqual({ file, opened: closed });
    }
  });

  it('runs every pod as non-root on a read-only root filesystem, with /tmp in an emptyDir and resources', () => {
    expect(at(values, 'podSecurityContext.runAsNonRoot')).toBe(true);
    expect(at(values, 'containerSecurityContext')).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    for (const file of ['gateway-deployment.yaml', 'worker-deployment.yaml', 'migration-job.yaml']) {
      const text = template(file);
      expect(text).toContain('toYaml .Values.podSecurityContext');
      expect(text).toContain('toYaml .Values.containerSecurityContext');
      expect(text).toMatch(/mountPath: \/tmp\n[\s\S]*emptyDir:/);
      expect(text).toMatch(/resources:\n\s+\{\{- toYaml \.Values\.\w+\.resources/);
    }
    for (const key of ['gateway', 'worker', 'migrations']) expect(at(values, `${key}.resources.limits.memory`)).toBeDefined();
  });

  it('probes the gateway on /health and the worker with its poller check', () => {
    const gateway = template('gateway-deployment.yaml');
    for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) expect(gateway).toContain(`${probe}:`);
    expect(gateway.match(/path: \/health/g)).toHaveLength(2);
    const worker = template('worker-deployment.yaml');
    for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) expect(worker).toContain(`${probe}:`);
    expect(worker.match(/infra\/worker-health\.cjs/g)).toHaveLength(3);
  });

  it('scales the gateway on CPU, and the workers on the task queue backlog with KEDA or on CPU without', () => {
    expect(template('gateway-hpa.yaml')).toMatch(/kind: HorizontalPodAutoscaler[\s\S]*name: cpu/);
    const workers = template('worker-autoscaling.yaml');
    expect(workers).toMatch(/\{\{- if \.Values\.keda\.enabled \}\}[\s\S]*kind: ScaledObject[\s\S]*type: temporal[\s\S]*targetQueueSize:[\s\S]*\{\{- else if[\s\S]*kind: HorizontalPodAutoscaler/);
    expect(workers).toContain('taskQueue: {{ .Values.config.TEMPORAL_TASK_QUEUE | quote }}');
  });

  it('migrates once per install or upgrade in a hook Job, with the CLI command that exists', () => {
    const job = template('migration-job.yaml');
    expect(job).toContain('helm.sh/hook: pre-install,pre-upgrade');
    expect(job).toContain('"apps/cli/src/main.ts", "db", "migrate"');
    expect(COMMANDS.find((c) => c.name === 'db')?.usage).toContain('db migrate');
    expect(template('gateway-deployment.yaml')).toMatch(/name: DB_MIGRATE_ON_BOOT\n\s+value: "false"/);
    // The hook's secret must exist before the hook runs.
    expect(template('secret.yaml')).toMatch(/helm\.sh\/hook: pre-install,pre-upgrade[\s\S]*hook-weight: "-10"/);
  });

  it('restricts the network: gateway from the ingress controller only, no ingress to workers, egress to what they use', () => {
    const policies = template('networkpolicies.yaml');
    const helpers = template('_helpers.tpl');
    expect(policies.split('\n---\n')).toHaveLength(3);
    const [gateway, worker] = policies.split('\n---\n');
    expect(gateway).toMatch(/ingress:\n\s+- from:\n[\s\S]*controllerNamespaceSelector[\s\S]*controllerPodSelector/);
    expect(worker).toMatch(/policyTypes: \[Ingress, Egress\]\n\s+ingress: \[\]/);
    for (const rule of ['openactes.egress.dns', 'openactes.egress.postgres', 'openactes.egress.temporal']) {
      expect(gateway).toContain(rule);
      expect(worker).toContain(rule);
    }
    expect(helpers).toMatch(/port: 53/);
    expect(worker).toContain('portalsEgress');
    expect(at(values, 'networkPolicies.portalsEgress.ports')).toEqual([443]);
  });

  it('keeps pods available during voluntary disruptions', () => {
    const pdbs = template('poddisruptionbudgets.yaml');
    expect(pdbs.match(/kind: PodDisruptionBudget/g)).toHaveLength(2);
    expect(pdbs).toContain('app.kubernetes.io/component: gateway');
    expect(pdbs).toContain('app.kubernetes.io/component: worker');
  });
});
