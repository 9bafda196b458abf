import { createDataSource, runMigrations } from '@openactes/persistence';
import { UsageError, type Command } from '../command';
import { databaseUrl } from '../database';

export const dbCommand: Command = {
  name: 'db',
  summary: 'Database schema: db migrate',
  usage: [
    'db migrate',
    '    Applies the pending migrations (under an advisory lock, so concurrent runs wait for each other),',
    '    prints one line per migration applied; what a deployment runs once before new gateways and workers start',
  ].join('\n'),
  async run(args) {
    const [sub, ...rest] = args;
    if (sub !== 'migrate') throw new UsageError(`Unknown subcommand "${sub ?? ''}"`);
    if (rest.length) throw new UsageError(`Unexpected arguments: ${rest.join(' ')}`);
    // Two connections: one holds the advisory lock while the other migrates.
    const dataSource = await createDataSource(databaseUrl(), { poolSize: 2, applicationName: 'openactes-migrate' }).initialize();
    try {
      const applied = await runMigrations(dataSource);
      for (const name of applied) process.stdout.write(`${name}\n`);
      process.stderr.write(applied.length ? `db: ${applied.length} migration(s) applied\n` : 'db: schema up to date\n');
      return 0;
    } finally {
      await dataSource.destroy();
    }
  },
};
