import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { REPO_ROOT } from './paths';

/** Runs one of our TypeScript entry points as a child process, its lines prefixed with its name. */
export function startNodeApp(name: string, entry: string, env: NodeJS.ProcessEnv, print: (line: string) => void): ChildProcess {
  const child = spawn(process.execPath, ['-r', path.join(REPO_ROOT, 'infra/register.cjs'), path.join(REPO_ROOT, entry)], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) readline.createInterface({ input: stream }).on('line', (l) => print(`[${name}] ${l}`));
  }
  return child;
}

export async function waitForHttp(url: string, timeoutMs: number, isReady: (status: number) => boolean = (s) => s === 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (isReady(res.status)) return;
      last = `HTTP ${res.status}: ${await res.text()}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms (${last})`);
}
