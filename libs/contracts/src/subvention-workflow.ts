import type { BudgetStatus } from '@openactes/domain';

/** A subventions file has a budget document's lifecycle. */
export type SubventionFileStatus = BudgetStatus;

export interface SubventionFileRef {
  subventionFileId: string;
}

export interface ProcessSubventionFileInput extends SubventionFileRef {
  payloadSha256: string;
}

export interface ProcessSubventionFileResult {
  subventionFileId: string;
  status: SubventionFileStatus;
  failureCode?: string;
}

/** One subventions file, one workflow: the ID is derived from the file's SHA-256. */
export function subventionFileWorkflowId(payloadSha256: string): string {
  return `subventions-${payloadSha256}`;
}

export interface SubventionFileFailure extends SubventionFileRef {
  code: string;
  message: string;
}

export interface SubventionNormalisationSummary {
  read: number;
  published: number;
  quarantined: number;
  duplicatesMerged: number;
}

/**
 * Side effects of the subventions pipeline. Implemented in `@openactes/activities`;
 * workflows see them only as this type.
 */
export interface SubventionActivities {
  startSubventionProcessing(input: SubventionFileRef): Promise<{ status: SubventionFileStatus }>;
  /** Reads the file, maps its header, repairs and validates each row, stores the rows and the file's report. */
  normaliseSubventionFile(input: SubventionFileRef): Promise<SubventionNormalisationSummary>;
  publishSubventionFile(input: SubventionFileRef): Promise<{ status: SubventionFileStatus }>;
  failSubventionFile(input: SubventionFileFailure): Promise<void>;
}
