import { buildDemoArchives, DEMO_COLLECTIVITIES } from '@openactes/demo-data';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AuditLog, createDataSource, TenantStore, UserStore } from '@openactes/persistence';

interface DemoOptions {
  baseUrl: string;
  databaseUrl: string;
  token: string;
  /** Where the demo administrator's password is kept (the data dir). */
  dataDir: string;
  log: (line: string) => void;
  count?: number;
}

const FINAL = new Set(['published', 'failed', 'rejected', 'withdrawn', 'held_for_review']);

/** Sends archives the project generates itself (fictional communes) and shows the published rows. */
export async function sendDemo({ baseUrl, databaseUrl, token, dataDir, log, count = 12 }: DemoOptions): Promise<void> {
  await registerDemoCollectivities(databaseUrl);
  const admin = await demoAdministrator(databaseUrl, dataDir);
  log(`demo: console ${baseUrl}/console/ — administrator "${admin.username}", password in ${admin.passwordFile}`);
  const archives = buildDemoArchives({ seed: 2026, count });
  log(`demo: sending ${archives.length} ACTES archives of generated deliberations`);
  const actIds: string[] = [];
  for (const a of archives) {
    const res = await fetch(`${baseUrl}/api/v1/transmissions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/gzip', 'content-disposition': `attachment; filename="${a.archiveName}"` },
      body: a.data,
    });
    const body = (await res.json()) as { acts?: { id: string }[]; code?: string; message?: string };
    if (!res.ok) throw new Error(`demo: ${a.archiveName} refused: ${res.status} ${body.code} ${body.message}`);
    actIds.push(...(body.acts ?? []).map((x) => x.id));
  }
  const deadline = Date.now() + 120_000;
  const statuses = new Map<string, string>();
  while (Date.now() < deadline) {
    for (const id of actIds) {
      if (FINAL.has(statuses.get(id) ?? '')) continue;
      const res = await fetch(`${baseUrl}/api/v1/acts/${id}`);
      if (res.ok) statuses.set(id, ((await res.json()) as { status: string }).status);
    }
    if (actIds.every((id) => FINAL.has(statuses.get(id) ?? ''))) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const counts = [...statuses.values()].reduce<Record<string, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});
  log(`demo: acts by status ${JSON.stringify(counts)}`);
  const csv = await (await fetch(`${baseUrl}/api/v1/datasets/deliberations.csv`)).text();
  const lines = csv.trimEnd().split('\r\n');
  log(`demo: ${lines.length - 1} published rows in ${baseUrl}/api/v1/datasets/deliberations.csv; the first ones:`);
  for (const line of lines.slice(0, 4)) console.log(`    ${line}`);
  log(`demo: an act with its steps: ${baseUrl}/api/v1/acts/${actIds[0]}`);
  // Datasets are regenerated in batches (DATASET_DEBOUNCE): wait for the first version of the consolidated one.
  const dataset = await waitForDataset(`${baseUrl}/api/v1/datasets/deliberations`, deadline);
  if (dataset) log(`demo: dataset version ${dataset.number} (${dataset.rowCount} rows): ${baseUrl}/api/v1/datasets/deliberations/latest.csv`);
  log(`demo: the catalogue: ${baseUrl}/api/v1/datasets, ${baseUrl}/catalog.ttl; search: ${baseUrl}/api/v1/datasets/actes/records?q=voirie`);
}

async function waitForDataset(url: string, deadline: number): Promise<{ number: number; rowCount: number } | null> {
  while (Date.now() < deadline + 60_000) {
    const res = await fetch(url);
    if (res.ok) {
      const latest = ((await res.json()) as { latestVersion: { number: number; rowCount: number } | null }).latestVersion;
      if (latest) return latest;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  return null;
}

/**
 * A console administrator for the demo, created once with a random password
 * kept in the data dir (in production, accounts come from `cli user add`).
 */
async function demoAdministrator(databaseUrl: string, dataDir: string): Promise<{ username: string; passwordFile: string }> {
  const username = 'admin';
  const passwordFile = path.join(dataDir, 'console-admin-password');
  const dataSource = await createDataSource(databaseUrl, { poolSize: 1, applicationName: 'openactes-demo' }).initialize();
  try {
    const users = new UserStore(dataSource, new AuditLog(dataSource));
    if (!(await users.findByUsername(username))) {
      const password = randomBytes(12).toString('base64url');
      await users.create({ username, displayName: 'Administrateur (démo)', role: 'admin', password }, 'demo');
      fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    }
  } finally {
    await dataSource.destroy();
  }
  return { username, passwordFile };
}

/** The fictional communes, with their names and SIRETs, as an administrator would register them. */
async function registerDemoCollectivities(databaseUrl: string): Promise<void> {
  const dataSource = await createDataSource(databaseUrl, { poolSize: 1, applicationName: 'openactes-demo' }).initialize();
  try {
    const tenants = new TenantStore(dataSource, new AuditLog(dataSource));
    for (const c of DEMO_COLLECTIVITIES) {
      await tenants.upsertCollectivity({ siren: c.siren, name: c.name, siret: c.siret, departement: c.departement, kind: 'commune' }, 'demo');
    }
  } finally {
    await dataSource.destroy();
  }
}
