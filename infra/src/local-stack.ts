import fs from 'node:fs';
import path from 'node:path';
import { startLocalPostgres } from './local-postgres';
import { NO_TEMPORAL_CLI_HELP, provisionTemporalCli } from './temporal-cli';
import { startTemporalDevServer, waitForTemporal } from './temporal-dev-server';

export interface LocalStackOptions {
  dataDir: string;
  pgPort: number;
  temporalPort: number;
  temporalUiPort: number;
  namespace: string;
  log: (line: string) => void;
}

export interface LocalStack {
  databaseUrl: string;
  temporalAddress: string;
  temporalUiUrl: string | null;
  stop(): Promise<void>;
}

/**
 * PostgreSQL and Temporal for one machine: the embedded ones under the data
 * dir, unless DATABASE_URL / TEMPORAL_ADDRESS point at servers that already run.
 */
export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((e: unknown) => opts.log(`stop failed: ${String(e)}`));
  };
  try {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    const pgLog = fs.createWriteStream(path.join(opts.dataDir, 'postgres.log'), { flags: 'a' });
    let databaseUrl = process.env.DATABASE_URL;
    if (databaseUrl) {
      opts.log(`PostgreSQL: using DATABASE_URL (${redact(databaseUrl)})`);
    } else {
      const pg = await startLocalPostgres({
        dir: path.join(opts.dataDir, 'postgres'),
        port: opts.pgPort,
        database: 'openactes',
        log: (l) => pgLog.write(`${l}\n`),
      });
      stops.push(async () => {
        await pg.stop();
        pgLog.end();
      });
      databaseUrl = pg.url;
      opts.log(`PostgreSQL: embedded server on 127.0.0.1:${opts.pgPort}, data in ${path.join(opts.dataDir, 'postgres')}`);
    }

    let temporalAddress = process.env.TEMPORAL_ADDRESS;
    let temporalUiUrl: string | null = process.env.TEMPORAL_UI_URL ?? null;
    if (temporalAddress) {
      await waitForTemporal(temporalAddress, 30_000);
      opts.log(`Temporal: using TEMPORAL_ADDRESS ${temporalAddress}`);
    } else {
      const temporalLog = fs.createWriteStream(path.join(opts.dataDir, 'temporal.log'), { flags: 'a' });
      const dbFile = path.join(opts.dataDir, 'temporal.sqlite');
      const cli = provisionTemporalCli(opts.log);
      if (cli) {
        opts.log(`Temporal CLI: ${cli.path} (${cli.version}; from ${cli.source})`);
        const server = await startTemporalDevServer({
          cliPath: cli.path,
          dbFile,
          port: opts.temporalPort,
          uiPort: opts.temporalUiPort,
          namespace: opts.namespace,
          log: (l) => temporalLog.write(`${l}\n`),
        });
        stops.push(async () => {
          await server.stop();
          temporalLog.end();
        });
        temporalAddress = server.address;
        temporalUiUrl = server.uiUrl;
      } else {
        opts.log('No Temporal CLI available offline; letting the Temporal SDK download one (needs internet)');
        const { TestWorkflowEnvironment } = await import('@temporalio/testing').catch(() => {
          throw new Error(NO_TEMPORAL_CLI_HELP);
        });
        const env = await TestWorkflowEnvironment.createLocal({
          server: { ip: '127.0.0.1', port: opts.temporalPort, uiPort: opts.temporalUiPort, ui: true, dbFilename: dbFile, namespace: opts.namespace },
        }).catch((e: unknown) => {
          throw new Error(`${NO_TEMPORAL_CLI_HELP}\n(the SDK download failed: ${e instanceof Error ? e.message : String(e)})`);
        });
        stops.push(() => env.teardown());
        temporalAddress = `127.0.0.1:${opts.temporalPort}`;
        temporalUiUrl = `http://127.0.0.1:${opts.temporalUiPort}`;
      }
      opts.log(`Temporal: dev server on ${temporalAddress}, history in ${dbFile}`);
    }
    return { databaseUrl, temporalAddress, temporalUiUrl, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'unparseable URL';
  }
}
