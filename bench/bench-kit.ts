import fs from 'node:fs';
import os from 'node:os';
import type { ThrowawayStack } from '../infra/src/throwaway-stack';

/** One line of the table: a rate or ratio measured side by side in the same run. */
export interface BenchRow {
  name: string;
  ours: string;
  reference: string;
  /** The ratio (ours / reference) or the rate the target is stated in. */
  result: string;
  target: string;
  met: boolean | null;
  /** Why a target is missed, or what the figure covers. */
  note?: string;
}

export interface BenchContext {
  /** The throw-away PostgreSQL + Temporal, started on first use and stopped by the runner. */
  stack: () => Promise<ThrowawayStack>;
  log: (line: string) => void;
}

export type Benchmark = (ctx: BenchContext) => Promise<BenchRow[]>;

export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, not ${raw}`);
  return n;
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Resident set size of a process, current and peak (VmHWM), in MiB. */
export function rssMiB(pid: number | 'self' = 'self'): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** Runs `fn` over the items with at most `limit` in flight. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i], i);
      }
    }),
  );
  return results;
}

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${fmt(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average at start ${os.loadavg()[0].toFixed(2)}`;
}

export function renderTable(rows: readonly BenchRow[]): string {
  const header = ['benchmark', 'ours', 'reference', 'ratio / rate', 'target', 'met?'];
  const cells = rows.map((r) => [r.name, r.ours, r.reference, r.result, r.target, `${r.met === null ? '—' : r.met ? 'yes' : 'no'}${r.note ? ` — ${r.note}` : ''}`]);
  const escape = (s: string) => s.replaceAll('|', '\\|');
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...cells.map((c) => `| ${c.map(escape).join(' | ')} |`)].join('\n');
}
