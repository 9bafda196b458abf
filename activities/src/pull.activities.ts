import { Context } from '@temporalio/activity';
import { buildPulledArchive, S2LOW_ACT_TRANSACTION_TYPE, S2lowClient, type PulledFile } from '@openactes/connectors';
import type { DatasetChangeNotifier, ImportedTransaction, ProcessActInput, PullActivities } from '@openactes/contracts';
import { CodedError, isCodedError, type PlatformPrincipal } from '@openactes/domain';
import { ArchiveIngestion } from '@openactes/ingestion';
import { parseActesXml } from '@openactes/formats';
import { sha256Hex, type ActStore, type AuditLog, type PayloadStore, type PulledTransactionState, type PullSettings, type PullStore } from '@openactes/persistence';
import { toActivityFailure } from './failures';

export interface PullActivityDeps {
  pulls: PullStore;
  payloads: PayloadStore;
  acts: ActStore;
  audit: AuditLog;
  /** The platform's API client; default: S²LOW with the stored settings. */
  clientFor?: (settings: PullSettings) => S2lowClient;
  /** Tells the datasets a pulled acknowledgement changed a published act. */
  datasets?: DatasetChangeNotifier;
}

const ACTOR = 'system:pull';
const DAY_MS = 24 * 60 * 60 * 1000;

export function createPullActivities({ pulls, payloads, acts, audit, clientFor = defaultClient, datasets }: PullActivityDeps): PullActivities {
  /** Coded, non-retryable errors become final failures typed with their code; the rest is retried. */
  const activity =
    <I, O>(fn: (input: I) => Promise<O>) =>
    async (input: I): Promise<O> => {
      try {
        return await fn(input);
      } catch (err) {
        throw toActivityFailure(err);
      }
    };

  return {
    listPlatformTransactions: activity(async ({ platformId, offset, limit }) => {
      const settings = await pulls.settings(platformId);
      if (!settings.enabled) return { enabled: false, remoteIds: [], listed: 0, nextOffset: offset, hasMore: false };
      const pageSize = limit ?? settings.pageSize;
      const transactions = await clientFor(settings).listActes(
        { statusId: settings.statusFilter, offset, limit: pageSize, maxDate: settings.minAgeDays > 0 ? daysAgo(settings.minAgeDays) : undefined },
        Context.current().cancellationSignal,
      );
      const actIds = transactions.filter((t) => t.type === S2LOW_ACT_TRANSACTION_TYPE).map((t) => t.id);
      const known = await pulls.pulledAmong(platformId, actIds);
      return {
        enabled: true,
        remoteIds: actIds.filter((id) => !known.has(id)),
        listed: transactions.length,
        nextOffset: offset + transactions.length,
        hasMore: transactions.length >= pageSize,
      };
    }),

    importPlatformTransaction: activity(async ({ platformId, remoteId }): Promise<ImportedTransaction> => {
      const pulled = await pulls.findPulled(platformId, remoteId);
      if (pulled) return alreadyPulled(remoteId, pulled);
      const settings = await pulls.settings(platformId);
      const client = clientFor(settings);
      const { cancellationSignal: signal } = Context.current();

      const files: PulledFile[] = [];
      for (const file of await client.filesList(remoteId, signal)) {
        Context.current().heartbeat({ remoteId, file: file.id });
        files.push({ name: file.name, codePj: file.codePj, data: await client.downloadFile(file.id, signal) });
      }
      const archive = buildPulledArchive({ remoteId, files });
      const ar = await client.arActe(remoteId, signal).catch((err: unknown) => {
        if (isCodedError(err) && err.code === 'NOT_FOUND') return null; // kept without it; the act itself is what matters
        throw err;
      });

      const principal: PlatformPrincipal = { id: `platform:${settings.platformName}`, sirens: await pulls.scope(platformId) };
      const arPayload = ar && (await payloads.store({ kind: 'actes_ar', contentType: 'application/xml', content: ar, submitter: principal.id }));
      // Workflows are started by the pull workflow, as children: ingestion only collects the acts to start.
      const toStart: ProcessActInput[] = [];
      const ingestion = new ArchiveIngestion({
        payloads,
        acts,
        audit,
        datasets,
        startAct: (act) => {
          toStart.push(act);
          return Promise.resolve();
        },
      });
      let outcome: Awaited<ReturnType<ArchiveIngestion['receive']>> | null = null;
      let rejection: CodedError | null = null;
      try {
        outcome = await ingestion.receive({ body: archive.data, contentType: 'application/gzip', archiveName: archive.archiveName }, principal);
      } catch (err) {
        // A refused archive is stored with its reason and recorded: pulling it again would give the same answer.
        if (!isCodedError(err) || err.retryable) throw err;
        rejection = err;
      }

      const payloadSha256 = sha256Hex(archive.data);
      const actId = outcome?.acts[0]?.id ?? null;
      if (actId && ar && arPayload) await applyAcknowledgement(ingestion, acts, { actId, ar, arPayloadSha256: arPayload.sha256, principal });
      const recorded = await pulls.recordPulled({
        platformId, remoteId, payloadSha256, actId, arPayloadSha256: arPayload ? arPayload.sha256 : null, rejectionCode: rejection?.code ?? null,
      });
      if (!recorded) return alreadyPulled(remoteId, (await pulls.findPulled(platformId, remoteId))!);
      await audit.append({
        actor: ACTOR, action: 'platform.transaction_pulled', subjectType: 'platform', subjectId: platformId, outcome: rejection ? 'rejected' : 'ok',
        details: { remoteId, payloadSha256, actId, transmissionId: outcome?.transmissionId ?? null, ar: !!arPayload, code: rejection?.code ?? null },
      });
      return { remoteId, outcome: rejection ? 'rejected' : 'imported', rejectionCode: rejection?.code ?? null, acts: toStart };
    }),

    recordPullRun: activity(async ({ platformId, error, totals }) => {
      await pulls.recordRun(platformId, error && `${error.code}: ${error.message}`);
      const { lastFailure: _, ...counts } = totals;
      await audit.append({
        actor: ACTOR, action: 'platform.pull_finished', subjectType: 'platform', subjectId: platformId, outcome: error ? 'failed' : 'ok',
        details: { ...counts, code: error?.code ?? null },
      });
    }),
  };
}

/**
 * A transaction already in the ledger imports nothing; its act is handed back while its workflow has
 * not moved it on, in case the attempt that recorded it never reported (starting it again is a no-op).
 */
function alreadyPulled(remoteId: string, pulled: PulledTransactionState): ImportedTransaction {
  const { actId, actKey, actStatus } = pulled;
  const acts = actId && actKey && actStatus === 'received' ? [{ actId, actKey }] : [];
  return { remoteId, outcome: 'already_pulled', rejectionCode: null, acts };
}

function defaultClient(settings: PullSettings): S2lowClient {
  return new S2lowClient({ baseUrl: settings.baseUrl, username: settings.username, password: settings.password });
}

/** YYYY-MM-DD, UTC. */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The platform's ARActe moves the act as if the prefecture's archive had been pushed:
 * final IDActe and reception date. The emitting service is not in it, so PREF_ID stays empty.
 */
async function applyAcknowledgement(
  ingestion: ArchiveIngestion,
  acts: ActStore,
  { actId, ar, arPayloadSha256, principal }: { actId: string; ar: Buffer; arPayloadSha256: string; principal: PlatformPrincipal },
): Promise<void> {
  let message: ReturnType<typeof parseActesXml>;
  try {
    message = parseActesXml(ar, 'ARActe.xml');
  } catch (err) {
    if (isCodedError(err)) return; // stored as a payload all the same; the act stands without its acknowledgement
    throw err;
  }
  if (message.kind !== 'ARActe') return;
  const act = await acts.find(actId);
  if (!act) return;
  await ingestion.applyMessage({
    act,
    event: { kind: 'ARActe', idActe: message.idActe, dateReception: message.dateReception },
    prefectureService: null,
    payloadSha256: arPayloadSha256,
    principal,
  });
}
