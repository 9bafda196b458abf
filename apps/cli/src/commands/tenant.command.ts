import { parseArgs } from 'node:util';
import { AuditLog, TenantStore } from '@openactes/persistence';
import { UsageError, type Command } from '../command';
import { withDatabase } from '../database';

const ACTOR = 'cli';

export const tenantCommand: Command = {
  name: 'tenant',
  summary: 'Register collectivities (tenants): tenant add | tenant list',
  usage: [
    'tenant add --siren SIREN --name NAME [--siret SIRET] [--departement DEP] [--kind KIND]',
    '    Adds the collectivity, or updates it when the SIREN is known (prints it as JSON)',
    'tenant list',
    '    One JSON line per collectivity',
  ].join('\n'),
  async run(args) {
    const [sub, ...rest] = args;
    if (sub === 'add') {
      const { values } = parseArgs({
        args: rest,
        options: { siren: { type: 'string' }, name: { type: 'string' }, siret: { type: 'string' }, departement: { type: 'string' }, kind: { type: 'string' } },
      });
      if (!values.siren || !values.name) throw new UsageError('--siren and --name are required');
      const { collectivity, created } = await withDatabase((ds) =>
        new TenantStore(ds, new AuditLog(ds)).upsertCollectivity(
          { siren: values.siren!, name: values.name!, siret: values.siret, departement: values.departement, kind: values.kind },
          ACTOR,
        ),
      );
      process.stdout.write(`${JSON.stringify({ ...collectivity, created })}\n`);
      return 0;
    }
    if (sub === 'list') {
      const rows = await withDatabase((ds) => new TenantStore(ds, new AuditLog(ds)).collectivities());
      for (const c of rows) process.stdout.write(`${JSON.stringify(c)}\n`);
      return 0;
    }
    throw new UsageError(`Unknown subcommand "${sub ?? ''}"`);
  },
};
