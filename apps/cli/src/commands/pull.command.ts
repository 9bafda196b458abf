import { parseArgs } from 'node:util';
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleUpdateOptions } from '@temporalio/client';
import { pullScheduleId, type PullPlatformInput } from '@openactes/contracts';
import { AuditLog, PullStore } from '@openactes/persistence';
import { UsageError, type Command } from '../command';
import { withDatabase } from '../database';
import { withTemporal } from '../temporal';

const ACTOR = 'cli';

export const pullCommand: Command = {
  name: 'pull',
  summary: 'Pull connectors (S²LOW API) run by Temporal Schedules: pull configure | pull run | pull status',
  usage: [
    'pull configure --platform NAME --url URL [--username U --password P] [--every 15m] [--status 4] [--page-size 50] [--min-age-days 0]',
    '    Saves the settings and creates or updates the Schedule pull-<platform id> (overlapping runs are skipped)',
    'pull run --platform NAME',
    '    Runs the pull now (after the current run, if one is going on)',
    'pull status',
    '    One JSON line per platform: settings (never the password), last run, ledger counts',
    '',
    'Temporal: TEMPORAL_ADDRESS (default 127.0.0.1:7233), TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE.',
  ].join('\n'),
  async run(args) {
    const [sub, ...rest] = args;
    const store = <T>(fn: (pulls: PullStore) => Promise<T>) => withDatabase((ds) => fn(new PullStore(ds, new AuditLog(ds))));
    if (sub === 'configure') {
      const { values } = parseArgs({
        args: rest,
        options: {
          platform: { type: 'string' }, url: { type: 'string' }, username: { type: 'string' }, password: { type: 'string' },
          every: { type: 'string', default: '15m' }, status: { type: 'string' }, 'page-size': { type: 'string' }, 'min-age-days': { type: 'string' },
        },
      });
      if (!values.platform || !values.url) throw new UsageError('--platform and --url are required');
      if (values.password !== undefined && values.username === undefined) throw new UsageError('--password needs --username');
      if (!/^\d+\s*(s|m|h|d)$/.test(values.every)) throw new UsageError('--every must look like 30s, 15m, 6h or 1d');
      const configured = await store((pulls) =>
        pulls.configure(
          {
            platform: values.platform!, baseUrl: values.url!, username: values.username, password: values.password,
            statusFilter: integer('--status', values.status), pageSize: integer('--page-size', values['page-size']), minAgeDays: integer('--min-age-days', values['min-age-days']),
          },
          ACTOR,
        ),
      );
      await withTemporal((client, { taskQueue }) => upsertSchedule(client, configured.platformId, values.every, taskQueue));
      process.stdout.write(`${JSON.stringify({ ...configured, scheduleId: pullScheduleId(configured.platformId), every: values.every })}\n`);
      return 0;
    }
    if (sub === 'run') {
      const { values } = parseArgs({ args: rest, options: { platform: { type: 'string' } } });
      if (!values.platform) throw new UsageError('--platform is required');
      const platform = (await store((pulls) => pulls.overview())).find((p) => p.platformName === values.platform);
      if (!platform) throw new Error(`No pull configured for platform "${values.platform}" (pull configure first)`);
      await withTemporal((client) => client.schedule.getHandle(pullScheduleId(platform.platformId)).trigger(ScheduleOverlapPolicy.BUFFER_ONE));
      process.stderr.write(`pull of ${values.platform} triggered (schedule ${pullScheduleId(platform.platformId)})\n`);
      return 0;
    }
    if (sub === 'status') {
      for (const p of await store((pulls) => pulls.overview())) process.stdout.write(`${JSON.stringify(p)}\n`);
      return 0;
    }
    throw new UsageError(`Unknown subcommand "${sub ?? ''}"`);
  },
};

/** Creates the platform's Schedule, or updates the existing one in place (its history and state stay). */
export async function upsertSchedule(client: Client, platformId: string, every: string, taskQueue: string): Promise<void> {
  const scheduleId = pullScheduleId(platformId);
  const input: PullPlatformInput = { platformId };
  const schedule: ScheduleUpdateOptions = {
    spec: { intervals: [{ every }] },
    action: { type: 'startWorkflow', workflowType: 'pullPlatformWorkflow', workflowId: scheduleId, taskQueue, args: [input] },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
    state: {},
  };
  try {
    await client.schedule.create({ scheduleId, ...schedule });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...schedule, state: previous.state }));
  }
}

function integer(option: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw)) throw new UsageError(`${option} must be an integer`);
  return Number(raw);
}
