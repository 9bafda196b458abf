import { parseArgs } from 'node:util';
import { SecretBox } from '@openactes/config';
import { AuditLog, PortalStore, type PortalKindName } from '@openactes/persistence';
import { UsageError, type Command } from '../command';
import { withDatabase } from '../database';

const ACTOR = 'cli';

export const portalCommand: Command = {
  name: 'portal',
  summary: 'Open data portals datasets are published to (udata, CKAN): portal add | portal list | portal remove',
  usage: [
    'portal add --kind udata|ckan --name NAME --url URL --api-key KEY [--organization ORG] [--siren SIREN]',
    '    udata: URL is the API root (https://www.data.gouv.fr/api/1), ORG the organization id;',
    '    CKAN: URL is the site root, ORG the owner_org. Without --siren the portal gets every dataset;',
    '    with it, only that collectivity\'s. The key is stored encrypted under SECRETS_KEY.',
    'portal list',
    '    One JSON line per portal (kind, URL, organization, SIREN, counts), never the key',
    'portal remove --id PORTAL_ID',
    '    Forgets the portal and the remote ids of its datasets (the datasets stay on the portal)',
  ].join('\n'),
  async run(args) {
    const [sub, ...rest] = args;
    const portals = <T>(fn: (store: PortalStore) => Promise<T>) => withDatabase((ds) => fn(new PortalStore(ds, new AuditLog(ds), secretsFromEnv())));
    if (sub === 'add') {
      const { values } = parseArgs({
        args: rest,
        options: {
          kind: { type: 'string' }, name: { type: 'string' }, url: { type: 'string' }, 'api-key': { type: 'string' },
          organization: { type: 'string' }, siren: { type: 'string' },
        },
      });
      if (!values.kind || !values.name || !values.url || !values['api-key']) throw new UsageError('--kind, --name, --url and --api-key are required');
      if (values.kind !== 'udata' && values.kind !== 'ckan') throw new UsageError('--kind is udata or ckan');
      const added = await portals((s) =>
        s.add(
          { kind: values.kind as PortalKindName, name: values.name!, baseUrl: values.url!, apiKey: values['api-key']!, organization: values.organization, siren: values.siren },
          ACTOR,
        ),
      );
      process.stdout.write(`${JSON.stringify(added)}\n`);
      return 0;
    }
    if (sub === 'list') {
      for (const p of await portals((s) => s.list())) process.stdout.write(`${JSON.stringify(p)}\n`);
      return 0;
    }
    if (sub === 'remove') {
      const { values } = parseArgs({ args: rest, options: { id: { type: 'string' } } });
      if (!values.id) throw new UsageError('--id is required');
      await portals((s) => s.remove(values.id!, ACTOR));
      process.stderr.write(`portal ${values.id} removed\n`);
      return 0;
    }
    throw new UsageError(`Unknown subcommand "${sub ?? ''}"`);
  },
};

/** The same key the worker opens with: SECRETS_KEY, or outside production the development key. */
function secretsFromEnv(env = process.env): SecretBox {
  const key = env.SECRETS_KEY?.trim();
  if (key) return SecretBox.fromKey(key);
  if (env.NODE_ENV === 'production') throw new Error('SECRETS_KEY is required in production');
  return SecretBox.forDevelopment();
}
