import { randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActActivities } from '@openactes/activities';
import type { ActActivities, ActRef } from '@openactes/contracts';
import { ArchiveIngestion } from '@openactes/ingestion';
import { ActStore, AuditLog, PayloadStore } from '@openactes/persistence';
import type { DataSource } from 'typeorm';
import { envInt, fmt, type Benchmark } from './bench-kit';
import { demoArchives, openDataSource, runPipeline, statusCounts } from './pipeline';

/**
 * Acts per second end to end (gateway → Temporal → PostgreSQL → published) on
 * generated 3-page deliberations, against the same ingestion and activities
 * called in a plain in-process loop on as many other deliberations.
 */
export const orchestrationBenchmark: Benchmark = async ({ stack: getStack, log }) => {
  const count = envInt('BENCH_ACTS', 60);
  const stack = await getStack();
  const dataSource = await openDataSource(stack);
  try {
    // One pass of each on a few acts first: JIT, connection pools, workflow bundle load.
    await inProcessLoop(dataSource, demoArchives(900, 4));
    await runPipeline(stack, dataSource, demoArchives(901, 4), `bench-warmup-${randomUUID()}`, 120_000);

    const loop = await inProcessLoop(dataSource, demoArchives(1, count));
    const e2e = await runPipeline(stack, dataSource, demoArchives(2, count), `bench-orchestration-${randomUUID()}`, 600_000);
    log(`orchestration: loop ${loop.acts} acts in ${loop.seconds.toFixed(1)} s ${JSON.stringify(loop.statuses)}; end to end ${e2e.actIds.length} in ${e2e.seconds.toFixed(1)} s ${JSON.stringify(e2e.statuses)}`);
    const ours = e2e.actIds.length / e2e.seconds;
    const reference = loop.acts / loop.seconds;
    return [
      {
        name: `Orchestration overhead (${count} acts of 3 pages)`,
        ours: `${fmt(ours, 2)} acts/s end to end`,
        reference: `${fmt(reference, 2)} acts/s in-process loop`,
        result: `${(ours / reference).toFixed(2)}×`,
        target: '≥ 0.6×',
        met: ours / reference >= 0.6,
        note: `settled: ${Object.entries(e2e.statuses).map(([s, n]) => `${n} ${s}`).join(', ')}`,
      },
    ];
  } finally {
    await dataSource.destroy();
  }
};

/**
 * The workflow's steps without Temporal: ingest each archive (storing it, as
 * the gateway does), then run the act's activities one after the other in an
 * activity context, as processActWorkflow orders them.
 */
async function inProcessLoop(dataSource: DataSource, archives: ReturnType<typeof demoArchives>) {
  const audit = new AuditLog(dataSource);
  const acts = new ActStore(dataSource, audit);
  const ingestion = new ArchiveIngestion({ payloads: new PayloadStore(dataSource), acts, audit, startAct: () => Promise.resolve() });
  const activities = createActActivities({ dataSource, acts, audit });
  const env = new MockActivityEnvironment();
  const call = <K extends keyof ActActivities>(name: K, ...args: Parameters<ActActivities[K]>) =>
    env.run(activities[name] as (...a: Parameters<ActActivities[K]>) => ReturnType<ActActivities[K]>, ...args) as ReturnType<ActActivities[K]>;
  const actIds: string[] = [];
  const started = process.hrtime.bigint();
  for (const archive of archives) {
    const outcome = await ingestion.receive({ body: archive.data, contentType: 'application/gzip', archiveName: null }, { id: 'platform:bench', sirens: '*' });
    for (const { id } of outcome.acts) {
      actIds.push(id);
      await processAct(call, { actId: id });
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { acts: actIds.length, seconds, statuses: await statusCounts(dataSource, actIds) };
}

type Call = <K extends keyof ActActivities>(name: K, ...args: Parameters<ActActivities[K]>) => ReturnType<ActActivities[K]>;

async function processAct(call: Call, ref: ActRef): Promise<void> {
  const started = await call('startActProcessing', ref);
  if (!started.proceed) return;
  await call('extractActText', ref);
  const anonymisation = await call('anonymiseAct', ref);
  const policy = await call('decideActPublication', ref);
  if (policy.act === 'withhold') {
    await call('withholdAct', { ...ref, reasons: policy.reasons });
    return;
  }
  if (anonymisation.decision === 'review' || policy.act === 'review') {
    await call('holdForReview', { ...ref, reasons: [...policy.reasons] });
    return;
  }
  await call('buildDeliberationRecord', ref);
  await call('publishAct', ref);
}
