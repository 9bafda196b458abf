import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { ACT_STATUSES } from '@openactes/domain';
import { DataSource } from 'typeorm';
import { AppSettings, type Settings } from '../common/app-settings';
import { exposition, histogramSamples, type MetricFamily } from './prometheus';

const STEP_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600] as const;
const LAG_BUCKETS = [1, 5, 15, 60, 300, 900, 3600, 21_600, 86_400, 604_800] as const;

/**
 * Operations metrics, computed at scrape time from PostgreSQL (acts, audit trail) and
 * Temporal (task queue backlog), so that every gateway instance reports the same values.
 * Step durations: the time between an act's consecutive audit events, by step, over the last 24 h.
 */
@Injectable()
export class MetricsService {
  private readonly logger = new Logger('metrics');

  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: Client,
    @Inject(AppSettings) private readonly settings: Settings,
  ) {}

  async render(): Promise<string> {
    const families = await Promise.all([this.acts(), this.steps(), this.retries(), this.publicationLag(), this.backlog()]);
    return exposition([...families.flat(), ...processFamilies()]);
  }

  private async acts(): Promise<MetricFamily[]> {
    const rows = (await this.dataSource.query(`SELECT status, count(*)::int AS n FROM act GROUP BY status`)) as { status: string; n: number }[];
    const counts = new Map<string, number>(ACT_STATUSES.map((s) => [s, 0]));
    for (const r of rows) counts.set(r.status, r.n);
    return [{ name: 'openactes_acts', help: 'Acts by status', type: 'gauge', samples: [...counts].map(([status, value]) => ({ labels: { status }, value })) }];
  }

  private async steps(): Promise<MetricFamily[]> {
    const cases = STEP_BUCKETS.map((le, i) => `count(*) FILTER (WHERE d <= ${le})::int AS b${i}`).join(', ');
    const rows = (await this.dataSource.query(
      `WITH steps AS (
         SELECT action, extract(epoch FROM at - lag(at) OVER (PARTITION BY subject_id ORDER BY seq))::float8 AS d
           FROM audit_event WHERE subject_type = 'act' AND at > now() - interval '24 hours')
       SELECT action, ${cases}, coalesce(sum(d), 0)::float8 AS total, count(*)::int AS n FROM steps WHERE d IS NOT NULL GROUP BY action ORDER BY action`,
    )) as Record<string, number | string>[];
    return [{
      name: 'openactes_step_duration_seconds',
      help: 'Time each act step took (since the previous event of the act), over the last 24 hours',
      type: 'histogram',
      samples: rows.flatMap((r) => histogramSamples({ step: String(r.action) }, STEP_BUCKETS, STEP_BUCKETS.map((_, i) => Number(r[`b${i}`])), Number(r.total), Number(r.n))),
    }];
  }

  private async retries(): Promise<MetricFamily[]> {
    const rows = (await this.dataSource.query(
      `SELECT action, count(*)::int AS n FROM audit_event WHERE outcome = 'retrying' GROUP BY action ORDER BY action`,
    )) as { action: string; n: number }[];
    return [{ name: 'openactes_activity_retries_total', help: 'Activity attempts that failed and were retried, by step', type: 'counter', samples: rows.map((r) => ({ labels: { step: r.action }, value: r.n })) }];
  }

  private async publicationLag(): Promise<MetricFamily[]> {
    const cases = LAG_BUCKETS.map((le, i) => `count(*) FILTER (WHERE d <= ${le})::int AS b${i}`).join(', ');
    const [r] = (await this.dataSource.query(
      `WITH lags AS (SELECT extract(epoch FROM published_at - created_at)::float8 AS d FROM act WHERE published_at IS NOT NULL)
       SELECT ${cases}, coalesce(sum(d), 0)::float8 AS total, count(*)::int AS n FROM lags`,
    )) as Record<string, number>[];
    return [{
      name: 'openactes_publication_lag_seconds',
      help: 'Time from reception to publication of published acts',
      type: 'histogram',
      samples: histogramSamples({}, LAG_BUCKETS, LAG_BUCKETS.map((_, i) => Number(r[`b${i}`])), Number(r.total), Number(r.n)),
    }];
  }

  /** Best effort: Temporal's approximate backlog of the task queue (absent when the server does not report it). */
  private async backlog(): Promise<MetricFamily[]> {
    const samples = [];
    for (const [type, taskQueueType] of [['workflow', 1], ['activity', 2]] as const) {
      try {
        const answer = await this.temporal.workflowService.describeTaskQueue({
          namespace: this.settings.temporal.namespace,
          taskQueue: { name: this.settings.temporal.taskQueue },
          taskQueueType,
          reportStats: true,
        });
        const count = answer.stats?.approximateBacklogCount;
        if (count !== undefined && count !== null) samples.push({ labels: { task_queue: this.settings.temporal.taskQueue, type }, value: Number(count) });
      } catch (err) {
        this.logger.warn(`task queue backlog unavailable: ${(err as Error).message}`);
      }
    }
    return [{ name: 'openactes_task_queue_backlog', help: 'Approximate number of tasks waiting in the Temporal task queue', type: 'gauge', samples }];
  }
}

function processFamilies(): MetricFamily[] {
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  return [
    { name: 'process_cpu_seconds_total', help: 'User and system CPU time', type: 'counter', samples: [{ value: (cpu.user + cpu.system) / 1e6 }] },
    { name: 'process_resident_memory_bytes', help: 'Resident memory', type: 'gauge', samples: [{ value: memory.rss }] },
    { name: 'nodejs_heap_used_bytes', help: 'V8 heap used', type: 'gauge', samples: [{ value: memory.heapUsed }] },
    { name: 'process_start_time_seconds', help: 'Start of the process, seconds since the epoch', type: 'gauge', samples: [{ value: Math.round(Date.now() / 1000 - process.uptime()) }] },
  ];
}
