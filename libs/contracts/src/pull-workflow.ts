import type { ProcessActInput } from './act-workflow';

/** Counters of a pull run, carried across continue-as-new. */
export interface PullTotals {
  /** Transactions listed by the platform (all types, known ones included). */
  listed: number;
  imported: number;
  /** Imported, but ingestion rejected the archive (kept with its reason). */
  rejected: number;
  /** Skipped: the platform could not give this transaction (bad answer, gone); retried by the next run. */
  failed: number;
  actsStarted: number;
  lastFailure: { remoteId: string; code: string; message: string } | null;
}

export interface PullPlatformInput {
  platformId: string;
  /** Where to resume paging, after a continue-as-new. */
  offset?: number;
  totals?: PullTotals;
}

export interface PullPlatformResult extends PullTotals {
  platformId: string;
  /** The pull is disabled: nothing was asked of the platform. */
  disabled: boolean;
}

/** One pull run per platform at a time: the Schedule's ID, and the workflow ID of its runs. */
export function pullScheduleId(platformId: string): string {
  return `pull-${platformId}`;
}

export interface ListPlatformTransactionsInput {
  platformId: string;
  offset: number;
  /** Default: the platform's configured page size. */
  limit?: number;
}

export interface PlatformTransactionsPage {
  enabled: boolean;
  /** Acts of this page not yet in the ledger, in the platform's order. */
  remoteIds: string[];
  /** Rows the platform returned on this page. */
  listed: number;
  nextOffset: number;
  hasMore: boolean;
}

export interface ImportPlatformTransactionInput {
  platformId: string;
  remoteId: string;
}

export interface ImportedTransaction {
  remoteId: string;
  outcome: 'imported' | 'rejected' | 'already_pulled';
  rejectionCode: string | null;
  /** Acts registered and waiting for their workflow: the workflow starts them. */
  acts: ProcessActInput[];
}

export interface PullRunReport {
  platformId: string;
  /** Null when the run went through. */
  error: { code: string; message: string } | null;
  totals: PullTotals;
}

/**
 * Side effects of the pull connector. Implemented in `@openactes/activities`;
 * workflows see them only as this type.
 */
export interface PullActivities {
  listPlatformTransactions(input: ListPlatformTransactionsInput): Promise<PlatformTransactionsPage>;
  /** Idempotent: a transaction already in the ledger is skipped. Never starts workflows itself. */
  importPlatformTransaction(input: ImportPlatformTransactionInput): Promise<ImportedTransaction>;
  recordPullRun(input: PullRunReport): Promise<void>;
}
