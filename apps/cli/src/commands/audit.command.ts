import { parseArgs } from 'node:util';
import { AUDIT_CSV_HEADER, auditCsvLine, auditEvents, verifyAuditTrail } from '@openactes/persistence';
import { UsageError, type Command } from '../command';
import { withDatabase } from '../database';

export const auditCommand: Command = {
  name: 'audit',
  summary: 'The audit trail: audit verify | audit export',
  usage: [
    'audit verify',
    '    Recomputes the hash chain: exit 0 "audit chain intact: N events", or exit 1 naming the first broken event',
    'audit export --format csv|json [--subject-type T --subject-id ID] [--from ISO --to ISO]',
    '    The events (chain order) on standard output; --from inclusive, --to exclusive',
  ].join('\n'),
  async run(args) {
    const [sub, ...rest] = args;
    if (sub === 'verify') {
      const result = await withDatabase((ds) => verifyAuditTrail(ds));
      if (!result.broken) {
        process.stdout.write(`audit chain intact: ${result.checked} events\n`);
        return 0;
      }
      const { seq, chain, position, differs } = result.broken;
      process.stdout.write(`audit chain broken at event ${seq} (position ${position} of chain ${chain}): ${differs.join(', ')} differ${differs.length === 1 ? 's' : ''}\n`);
      return 1;
    }
    if (sub === 'export') {
      const { values } = parseArgs({
        args: rest,
        options: { format: { type: 'string' }, 'subject-type': { type: 'string' }, 'subject-id': { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
      });
      if (values.format !== 'csv' && values.format !== 'json') throw new UsageError('--format csv or --format json is required');
      const date = (name: string, raw: string | undefined) => {
        if (raw === undefined) return undefined;
        const d = new Date(raw);
        if (Number.isNaN(d.getTime())) throw new UsageError(`--${name} must be an ISO 8601 date`);
        return d;
      };
      const filter = { subjectType: values['subject-type'], subjectId: values['subject-id'], from: date('from', values.from), to: date('to', values.to) };
      const format = values.format;
      await withDatabase(async (ds) => {
        if (format === 'csv') process.stdout.write(`${AUDIT_CSV_HEADER.join(',')}\n`);
        else process.stdout.write('[');
        let first = true;
        for await (const e of auditEvents(ds, filter)) {
          process.stdout.write(format === 'csv' ? `${auditCsvLine(e)}\n` : `${first ? '' : ','}\n${JSON.stringify(e)}`);
          first = false;
        }
        if (format === 'json') process.stdout.write('\n]\n');
      });
      return 0;
    }
    throw new UsageError(`Unknown subcommand "${sub ?? ''}"`);
  },
};
