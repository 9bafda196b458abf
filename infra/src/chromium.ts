/**
 * `npm run provision:browser`: finds Chromium for the end-to-end tests (playwright-core
 * drives it; Playwright's own browser download is not used), or installs Debian's package.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
export const CHROMIUM_INSTALL_COMMAND = 'apt-get update && apt-get install -y --no-install-recommends chromium';
export const NO_CHROMIUM_HELP = `Chromium not found: run \`npm run provision:browser\` (as root: ${CHROMIUM_INSTALL_COMMAND}), or set CHROMIUM_PATH`;

type Log = (line: string) => void;

/** CHROMIUM_PATH, then Debian's and Ubuntu's usual paths; undefined when none is executable. */
export function findChromium(): string | undefined {
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`CHROMIUM_PATH=${explicit} is not an executable file`);
    return explicit;
  }
  return CHROMIUM_CANDIDATES.find(isExecutable);
}

/** Finds Chromium or, as root, installs Debian's `chromium` package; otherwise says which command to run. */
export function provisionChromium(log: Log = () => {}): string | undefined {
  const found = findChromium();
  if (found) return found;
  if (process.getuid?.() !== 0) {
    log(`Chromium not found; as root, run: ${CHROMIUM_INSTALL_COMMAND}`);
    return undefined;
  }
  log('installing Debian\'s chromium package');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update'], { stdio: ['ignore', 'inherit', 'inherit'], env });
  if (update.status !== 0) log('apt-get update failed; trying the install anyway');
  const install = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: ['ignore', 'inherit', 'inherit'], env });
  if (install.status !== 0) {
    log(`apt-get install chromium failed (exit ${install.status})`);
    return undefined;
  }
  return findChromium();
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

if (require.main === module) {
  const found = provisionChromium((l) => console.log(`[browser] ${l}`));
  if (!found) {
    console.error(`[browser] ${NO_CHROMIUM_HELP}`);
    process.exit(1);
  }
  const version = spawnSync(found, ['--version'], { encoding: 'utf8' }).stdout.trim();
  console.log(`[browser] ${found}${version ? ` (${version})` : ''}`);
}
