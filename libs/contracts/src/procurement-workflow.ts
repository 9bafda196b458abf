import type { BudgetStatus } from '@openactes/domain';

/** A procurement (DECP) file has a budget document's lifecycle. */
export type ProcurementStatus = BudgetStatus;

export interface ProcurementRef {
  procurementId: string;
}

export interface ProcessProcurementInput extends ProcurementRef {
  payloadSha256: string;
}

export interface ProcessProcurementResult {
  procurementId: string;
  status: ProcurementStatus;
  failureCode?: string;
}

/** One DECP file, one workflow: the ID is derived from the file's SHA-256. */
export function procurementWorkflowId(payloadSha256: string): string {
  return `procurement-${payloadSha256}`;
}

export interface ProcurementFailure extends ProcurementRef {
  code: string;
  message: string;
}

export interface ProcurementNormalisationSummary {
  read: number;
  accepted: number;
  rejected: number;
  duplicatesMerged: number;
  mergedWithPublished: number;
}

/**
 * Side effects of the procurement pipeline. Implemented in `@openactes/activities`;
 * workflows see them only as this type.
 */
export interface ProcurementActivities {
  startProcurementProcessing(input: ProcurementRef): Promise<{ status: ProcurementStatus }>;
  /** Reads the file, repairs and validates each record, stores the kept ones and the file's report. */
  normaliseProcurement(input: ProcurementRef): Promise<ProcurementNormalisationSummary>;
  publishProcurement(input: ProcurementRef): Promise<{ status: ProcurementStatus }>;
  failProcurement(input: ProcurementFailure): Promise<void>;
}
