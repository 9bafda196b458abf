import { runCli } from '@openactes/cli';
import { openStores, testConfig } from '../support/harness';

/** `cli db migrate`, what the Helm migration Job runs: on the migrated test database, nothing to apply. */
describe('cli db migrate', () => {
  const config = testConfig();

  it('applies nothing on an up-to-date schema and exits 0, leaving the recorded migrations as they were', async () => {
    const stores = await openStores(config);
    const count = async () => Number(((await stores.dataSource.query('SELECT count(*) AS n FROM migrations')) as { n: string }[])[0].n);
    const before = await count();
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = config.databaseUrl;
    const out: string[] = [];
    const err: string[] = [];
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
    try {
      expect(await runCli(['db', 'migrate'])).toBe(0);
      expect(await runCli(['db', 'rollback'])).toBe(2);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
      if (previous === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = previous;
    }
    expect(out.join('')).toBe('');
    expect(err[0]).toBe('db: schema up to date\n');
    expect(err.join('')).toContain('Unknown subcommand "rollback"');
    expect(before).toBeGreaterThan(0);
    expect(await count()).toBe(before);
    await stores.dataSource.destroy();
  });
});
