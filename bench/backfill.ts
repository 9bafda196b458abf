import { randomUUID } from 'node:crypto';
import type { ActActivities } from '@openactes/contracts';
import type { DataSource } from 'typeorm';
import { envInt, fmt, percentile, type Benchmark } from './bench-kit';
import { demoArchives, openDataSource, runPipeline } from './pipeline';

const PROJECTED_ACTS = 100_000;

/**
 * A batch of acts through the whole pipeline at once, as a backfill sends
 * them: the steady-state rate (between the 10th and the 90th percentile of
 * completions, without start and tail) projected to 100 000 acts, and the
 * bottleneck named from each activity's own execution time (the audit trail's
 * gaps between steps, logged too, include queueing).
 */
export const backfillBenchmark: Benchmark = async ({ stack: getStack, log }) => {
  const count = envInt('BENCH_BACKFILL_ACTS', 150);
  const stack = await getStack();
  const dataSource = await openDataSource(stack);
  try {
    const sizeBefore = await databaseBytes(dataSource);
    const busy = new Map<string, number>();
    const run = await runPipeline(stack, dataSource, demoArchives(40, count), `bench-backfill-${randomUUID()}`, 900_000, (a) => timed(a, busy));
    const steps = [...busy.entries()].map(([step, ms]) => ({ step, ms })).sort((x, y) => y.ms - x.ms);
    const storagePerAct = ((await databaseBytes(dataSource)) - sizeBefore) / run.actIds.length;
    const { rate, waits, latencies } = await analyse(dataSource, run.actIds);
    const hours = PROJECTED_ACTS / rate / 3600;
    const total = steps.reduce((n, s) => n + s.ms, 0);
    const [bottleneck] = steps;
    log(`backfill: PostgreSQL ${fmt(storagePerAct / 1024, 1)} KiB per act; received → published p50 ${fmt(percentile(latencies, 50) / 1000, 1)} s, p95 ${fmt(percentile(latencies, 95) / 1000, 1)} s (whole batch queued at once)`);
    log(`backfill: ${run.actIds.length} acts in ${run.seconds.toFixed(1)} s; activity time per act: ${steps.map((s) => `${s.step} ${fmt(s.ms / run.actIds.length)} ms`).join(', ')}`);
    log(`backfill: audit-trail gaps per act (queueing included): ${waits.map((s) => `${s.step} ${fmt(s.ms / run.actIds.length)} ms`).join(', ')}`);
    return [
      {
        name: `Backfill projection (batch of ${count} acts of 3 pages)`,
        ours: `${fmt(rate, 2)} acts/s steady state`,
        reference: `${fmt(PROJECTED_ACTS)} acts → ${hours.toFixed(1)} h`,
        result: `${hours.toFixed(2)} h for ${fmt(PROJECTED_ACTS)}`,
        target: '< 1 h',
        met: hours < 1,
        note: `bottleneck: ${bottleneck.step} (${Math.round((100 * bottleneck.ms) / total)}% of activity time; then ${steps
          .slice(1, 3)
          .map((s) => `${s.step} ${Math.round((100 * s.ms) / total)}%`)
          .join(', ')})`,
      },
    ];
  } finally {
    await dataSource.destroy();
  }
};

/** What an act waits for before each event of its trail. */
const STEP_BEFORE: Record<string, string> = {
  'act.processing_started': 'queue to workflow start',
  'act.text_extracted': 'text extraction',
  'act.anonymised': 'anonymisation',
  'act.publication_decided': 'publication policy',
  'act.record_built': 'SCDL record',
  'act.published': 'publication',
};

/** Each activity's own execution time (no queueing), summed by name. */
function timed(activities: ActActivities, busy: Map<string, number>): ActActivities {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(activities) as [string, (...args: unknown[]) => Promise<unknown>][]) {
    wrapped[name] = async (...args: unknown[]) => {
      const started = process.hrtime.bigint();
      try {
        return await fn(...args);
      } finally {
        busy.set(name, (busy.get(name) ?? 0) + Number(process.hrtime.bigint() - started) / 1e6);
      }
    };
  }
  return wrapped as unknown as ActActivities;
}

async function databaseBytes(dataSource: DataSource): Promise<number> {
  await dataSource.query('CHECKPOINT');
  const [{ bytes }] = (await dataSource.query(`SELECT pg_database_size(current_database())::bigint AS bytes`)) as { bytes: string }[];
  return Number(bytes);
}

async function analyse(dataSource: DataSource, actIds: readonly string[]): Promise<{ rate: number; waits: { step: string; ms: number }[]; latencies: number[] }> {
  const events = (await dataSource.query(
    `SELECT subject_id, action, extract(epoch FROM at) * 1000 AS ms FROM audit_event
      WHERE subject_type = 'act' AND subject_id = ANY($1) AND outcome = 'ok' ORDER BY subject_id, seq`,
    [actIds],
  )) as { subject_id: string; action: string; ms: string }[];
  const byStep = new Map<string, number>();
  const done: number[] = [];
  const received = new Map<string, number>();
  const latencies: number[] = [];
  let previous: { act: string; ms: number } | undefined;
  for (const e of events) {
    const ms = Number(e.ms);
    if (previous?.act === e.subject_id && STEP_BEFORE[e.action]) {
      byStep.set(STEP_BEFORE[e.action], (byStep.get(STEP_BEFORE[e.action]) ?? 0) + ms - previous.ms);
    }
    if (e.action === 'act.received') received.set(e.subject_id, ms);
    if (e.action === 'act.published') {
      done.push(ms);
      if (received.has(e.subject_id)) latencies.push(ms - received.get(e.subject_id)!);
    }
    previous = { act: e.subject_id, ms };
  }
  done.sort((a, b) => a - b);
  if (done.length < 10) throw new Error(`Only ${done.length} acts published: too few for a steady-state rate`);
  const [lo, hi] = [Math.floor(done.length * 0.1), Math.floor(done.length * 0.9)];
  const rate = (hi - lo) / ((done[hi] - done[lo]) / 1000);
  return { rate, latencies, waits: [...byStep.entries()].map(([step, ms]) => ({ step, ms })).sort((a, b) => b.ms - a.ms) };
}
