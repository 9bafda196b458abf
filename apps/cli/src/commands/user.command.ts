import { parseArgs } from 'node:util';
import { AuditLog, USER_ROLES, UserStore, type UserRole } from '@openactes/persistence';
import { UsageError, type Command } from '../command';
import { withDatabase } from '../database';

const ACTOR = 'cli';

/** The password: the first line of standard input (--password-stdin), else asked on the terminal without echo. */
async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
  }
  process.stderr.write('Password (12 characters or more): ');
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve) => {
    let value = '';
    const onData = (data: Buffer) => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          resolve(value);
          return;
        }
        if (ch === '\u0003') process.exit(130);
        value = ch === '\u007f' ? value.slice(0, -1) : value + ch;
      }
    };
    stdin.on('data', onData);
  });
}

export const userCommand: Command = {
  name: 'user',
  summary: 'Console accounts: user add | user list | user passwd | user disable',
  usage: [
    'user add --username U --role admin|reviewer|clerk [--siren S ...] [--display-name N] [--oidc-subject SUB] [--password-stdin]',
    '    Creates a local account (a clerk needs at least one --siren); the password is read from standard input',
    '    with --password-stdin, else asked for; nothing secret is printed',
    'user list',
    '    One JSON line per account (never a password hash)',
    'user passwd --username U [--password-stdin]',
    'user disable --username U',
  ].join('\n'),
  async run(args) {
    const [sub, ...rest] = args;
    const users = <T>(fn: (store: UserStore) => Promise<T>) => withDatabase((ds) => fn(new UserStore(ds, new AuditLog(ds))));
    if (sub === 'add') {
      const { values } = parseArgs({
        args: rest,
        options: {
          username: { type: 'string' },
          role: { type: 'string' },
          siren: { type: 'string', multiple: true },
          'display-name': { type: 'string' },
          'oidc-subject': { type: 'string' },
          'password-stdin': { type: 'boolean' },
        },
      });
      if (!values.username || !values.role) throw new UsageError('--username and --role are required');
      if (!(USER_ROLES as readonly string[]).includes(values.role)) throw new UsageError(`--role must be one of ${USER_ROLES.join(', ')}`);
      const password = values['oidc-subject'] && !values['password-stdin'] ? undefined : await readPassword(values['password-stdin'] === true);
      const user = await users((s) =>
        s.create(
          {
            username: values.username!,
            role: values.role as UserRole,
            sirens: (values.siren ?? []).flatMap((v) => v.split(',')),
            displayName: values['display-name'],
            password,
            oidcSubject: values['oidc-subject'] ?? null,
          },
          ACTOR,
        ),
      );
      process.stderr.write(`account ${user.username} (${user.role}) created: ${user.id}\n`);
      return 0;
    }
    if (sub === 'list') {
      for (const u of await users((s) => s.list())) {
        process.stdout.write(`${JSON.stringify({ id: u.id, username: u.username, displayName: u.displayName, role: u.role, sirens: u.sirens, active: u.active, oidcSubject: u.oidcSubject, lastLoginAt: u.lastLoginAt })}\n`);
      }
      return 0;
    }
    if (sub === 'passwd' || sub === 'disable') {
      const { values } = parseArgs({ args: rest, options: { username: { type: 'string' }, 'password-stdin': { type: 'boolean' } } });
      if (!values.username) throw new UsageError('--username is required');
      const password = sub === 'passwd' ? await readPassword(values['password-stdin'] === true) : undefined;
      await users(async (s) => {
        const user = await s.findByUsername(values.username!);
        if (!user) throw new Error(`No account ${values.username}`);
        await s.update(user.id, sub === 'passwd' ? { password } : { active: false }, ACTOR);
      });
      process.stderr.write(`account ${values.username}: ${sub === 'passwd' ? 'password changed' : 'disabled'}, its sessions ended\n`);
      return 0;
    }
    throw new UsageError(`Unknown subcommand "${sub ?? ''}"`);
  },
};
