import { parseArgs } from 'node:util';
import { AuditLog, TenantStore } from '@openactes/persistence';
import { UsageError, type Command } from '../command';
import { withDatabase } from '../database';

const ACTOR = 'cli';

export const tenantCommand: Command = {
  name: 'tenant',
  summary: 'Register collectivities (tenants): tenant add | tenant list | tenant policy | tenant officials',
  usage: [
    'tenant add --siren SIREN --name NAME [--siret SIRET] [--departement DEP] [--kind KIND]',
    '    Adds the collectivity, or updates it when the SIREN is known (prints it as JSON)',
    'tenant list',
    '    One JSON line per collectivity',
    'tenant policy --siren SIREN --set NATURE=CHOICE[,NATURE=CHOICE…]',
    '    The collectivity\'s publication choices by nature (DE AR AI CC BF AU), over the defaults',
    '    (DE, AR, BF publish; AI, AU withhold; CC review); CHOICE is publish, withhold, review or default',
    'tenant officials --siren SIREN --set "NAME:ROLE" [--set "NAME:ROLE"…]',
    '    Replaces the collectivity\'s elected officials (e.g. --set "Marie Dupont:maire"): the anonymiser keeps',
    '    their names where they act as such, and still redacts them where they are a private party',
    'tenant officials --siren SIREN --list',
    '    One JSON line per official',
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
    if (sub === 'policy') {
      const { values } = parseArgs({ args: rest, options: { siren: { type: 'string' }, set: { type: 'string' } } });
      if (!values.siren || !values.set) throw new UsageError('--siren and --set are required');
      const changes = Object.fromEntries(
        values.set.split(',').map((pair) => {
          const [nature, choice] = pair.split('=').map((x) => x.trim());
          if (!nature || !choice) throw new UsageError(`"${pair}" is not NATURE=CHOICE`);
          return [nature.toUpperCase(), choice.toLowerCase()];
        }),
      ) as Parameters<TenantStore['setPublicationOverrides']>[1];
      const collectivity = await withDatabase((ds) => new TenantStore(ds, new AuditLog(ds)).setPublicationOverrides(values.siren!, changes, ACTOR));
      process.stdout.write(`${JSON.stringify({ siren: collectivity.siren, publicationOverrides: collectivity.publicationOverrides })}\n`);
      return 0;
    }
    if (sub === 'officials') {
      const { values } = parseArgs({ args: rest, options: { siren: { type: 'string' }, set: { type: 'string', multiple: true }, list: { type: 'boolean' } } });
      if (!values.siren || (!values.set?.length && !values.list)) throw new UsageError('--siren and either --set "NAME:ROLE" (repeatable) or --list are required');
      if (values.set?.length) {
        const officials = values.set.map((entry) => {
          const at = entry.lastIndexOf(':');
          if (at <= 0 || at === entry.length - 1) throw new UsageError(`"${entry}" is not NAME:ROLE`);
          return { name: entry.slice(0, at), role: entry.slice(at + 1) };
        });
        const saved = await withDatabase((ds) => new TenantStore(ds, new AuditLog(ds)).setOfficials(values.siren!, officials, ACTOR));
        process.stdout.write(`${JSON.stringify({ siren: values.siren, officials: saved.length })}\n`);
      }
      if (values.list) {
        const officials = await withDatabase((ds) => new TenantStore(ds, new AuditLog(ds)).officials(values.siren!));
        for (const o of officials) process.stdout.write(`${JSON.stringify(o)}\n`);
      }
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
