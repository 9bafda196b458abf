import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { provisionTemporalCli } from './temporal-cli';

describe(provisionTemporalCli.name, () => {
  const saved = { ...process.env };
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'temporal-cli-'));
  });

  afterEach(() => {
    process.env = { ...saved };
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function fakeCli(name: string, version: string): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `#!/bin/sh\necho "temporal version ${version}"\n`, { mode: 0o755 });
    return file;
  }

  it('uses TEMPORAL_CLI_PATH first', () => {
    process.env.TEMPORAL_CLI_PATH = fakeCli('my-temporal', '9.9.9');
    expect(provisionTemporalCli()).toEqual({ path: process.env.TEMPORAL_CLI_PATH, source: 'TEMPORAL_CLI_PATH', version: 'temporal version 9.9.9' });
  });

  it('refuses a TEMPORAL_CLI_PATH that is not an executable', () => {
    process.env.TEMPORAL_CLI_PATH = path.join(dir, 'missing');
    expect(() => provisionTemporalCli()).toThrow(/not an executable/);
  });

  it('then takes a temporal found on PATH', () => {
    delete process.env.TEMPORAL_CLI_PATH;
    fakeCli('temporal', '1.2.3');
    process.env.PATH = `${dir}${path.delimiter}${saved.PATH ?? ''}`;
    expect(provisionTemporalCli()).toMatchObject({ path: path.join(dir, 'temporal'), source: 'PATH' });
  });
});
