import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
export const CONSOLE_DIR = path.join(ROOT, 'apps/console');
export const CONSOLE_DIST_INDEX = path.join(CONSOLE_DIR, 'dist/index.html');

/** Newest modification time among the console's sources (src/, index.html, the Vite config). */
function newestSource(): number {
  let newest = 0;
  const visit = (p: string) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) visit(path.join(p, e));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ['src', 'index.html', 'vite.config.mts']) visit(path.join(CONSOLE_DIR, p));
  return newest;
}

export function consoleIsStale(): boolean {
  return !fs.existsSync(CONSOLE_DIST_INDEX) || fs.statSync(CONSOLE_DIST_INDEX).mtimeMs < newestSource();
}

/** Builds the console (`npm run build:console`) when its dist is missing or older than its sources. */
export function ensureConsoleBuilt(log: (line: string) => void = () => {}): void {
  if (!consoleIsStale()) return;
  log('building the console (apps/console → apps/console/dist)');
  const started = Date.now();
  const r = spawnSync('npm', ['run', '-s', 'build:console'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`npm run build:console failed (exit ${r.status})`);
  log(`console built in ${Date.now() - started} ms`);
}
