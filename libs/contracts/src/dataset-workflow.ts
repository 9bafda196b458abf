import { defineSignal } from '@temporalio/workflow';
import type { PortalRetryTiming } from './portal-workflow';

export type DatasetKind = 'deliberations' | 'actes' | 'budget' | 'subventions' | 'procurement';

/** The consolidated dataset of a kind, and the one of the collectivity. */
export function datasetIdsFor(kinds: readonly DatasetKind[], siren: string): string[] {
  return kinds.flatMap((kind) => [kind, `${kind}-${siren}`]);
}

/**
 * One long-lived workflow per dataset and task queue, started by the first
 * change (signal-with-start). The task queue is part of the id because it is
 * versioned: workers of a new queue start their own workflows.
 */
export function datasetWorkflowId(taskQueue: string, datasetId: string): string {
  return `dataset-${taskQueue}-${datasetId}`;
}

export interface DatasetChange {
  /** What changed (an act published or withdrawn, a budget published…), for the audit trail. */
  reason: string;
  subjectId?: string;
}

export const datasetChangedSignal = defineSignal<[DatasetChange]>('datasetChanged');

export interface PublishDatasetInput {
  datasetId: string;
  /** Regenerate once no change came for this long… */
  debounceMs: number;
  /** …or once the first pending change is this old, whichever comes first. */
  maxDelayMs: number;
  /** Changes received before a continue-as-new, carried over. */
  pendingChanges?: number;
  /** History length after which the workflow continues as new (default 2 000 events). */
  historyLimit?: number;
  /** Shorter portal retry intervals, for tests. */
  portalRetry?: Partial<PortalRetryTiming>;
}

export interface DatasetVersionCreated {
  datasetId: string;
  siren: string | null;
  version: number;
  added: number;
  removed: number;
  rowCount: number;
  createdAt: string;
  /** Immutable download URLs of the version, by format. */
  urls: Record<'csv' | 'json', string>;
}

export interface DatasetActivities {
  /** Diffs the dataset's sources against its latest version; a new, sealed version when anything changed, else null. */
  regenerateDataset(input: { datasetId: string; changes: number }): Promise<DatasetVersionCreated | null>;
}

/** What a process that changes a dataset's content needs: the gateway and the worker implement it with a Temporal client. */
export interface DatasetChangeNotifier {
  changed(datasetIds: readonly string[], change: DatasetChange): Promise<void>;
}

/** The smallest part of a Temporal client the notifier needs. */
export interface SignalWithStartClient {
  workflow: {
    signalWithStart(
      workflowType: string,
      options: { workflowId: string; taskQueue: string; args: [PublishDatasetInput]; signal: typeof datasetChangedSignal; signalArgs: [DatasetChange] },
    ): Promise<unknown>;
  };
}

export function datasetChangeNotifier(client: SignalWithStartClient, taskQueue: string, timing: { debounceMs: number; maxDelayMs: number }): DatasetChangeNotifier {
  return {
    async changed(datasetIds, change) {
      await Promise.all(
        datasetIds.map((datasetId) =>
          client.workflow.signalWithStart('publishDatasetWorkflow', {
            workflowId: datasetWorkflowId(taskQueue, datasetId),
            taskQueue,
            args: [{ datasetId, ...timing }],
            signal: datasetChangedSignal,
            signalArgs: [change],
          }),
        ),
      );
    },
  };
}
