import { parseArgs } from 'node:util';
import { AuditLog, TenantStore } from '@openactes/persistence';
import { UsageError, type Command } from '../command';
import { withDatabase } from '../database';

const ACTOR = 'cli';

export const tokenCommand: Command = {
  name: 'token',
  summary: 'Platform API tokens: token create | token list | token revoke',
  usage: [
    'token create --platform NAME --sirens S1,S2',
    '    Prints the new token (only its hash is stored: copy it now) on standard output',
    'token list',
    '    One JSON line per token (prefix, platform, SIRENs, dates), never the secret',
    'token revoke --id TOKEN_ID',
  ].join('\n'),
  async run(args) {
    const [sub, ...rest] = args;
    const tenants = <T>(fn: (store: TenantStore) => Promise<T>) => withDatabase((ds) => fn(new TenantStore(ds, new AuditLog(ds))));
    if (sub === 'create') {
      const { values } = parseArgs({ args: rest, options: { platform: { type: 'string' }, sirens: { type: 'string' } } });
      if (!values.platform || !values.sirens) throw new UsageError('--platform and --sirens are required');
      const created = await tenants((s) => s.createToken({ platform: values.platform!, sirens: values.sirens!.split(',') }, ACTOR));
      process.stderr.write(`token ${created.tokenId} for ${values.platform} (SIRENs ${created.sirens.join(', ')}); it is shown once:\n`);
      process.stdout.write(`${created.token}\n`);
      return 0;
    }
    if (sub === 'list') {
      const rows = await tenants((s) => s.tokens());
      for (const t of rows) process.stdout.write(`${JSON.stringify(t)}\n`);
      return 0;
    }
    if (sub === 'revoke') {
      const { values } = parseArgs({ args: rest, options: { id: { type: 'string' } } });
      if (!values.id) throw new UsageError('--id is required');
      await tenants((s) => s.revokeToken(values.id!, ACTOR));
      process.stderr.write(`token ${values.id} revoked\n`);
      return 0;
    }
    throw new UsageError(`Unknown subcommand "${sub ?? ''}"`);
  },
};
