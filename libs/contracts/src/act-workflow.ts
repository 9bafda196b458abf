import type { ActStatus } from '@openactes/domain';

export interface ProcessActInput {
  actId: string;
  actKey: string;
}

export interface ProcessActResult {
  actId: string;
  status: ActStatus;
  failureCode?: string;
}

/** One act, one workflow: the ID is derived from the act's business key. */
export function actWorkflowId(actKey: string): string {
  return `act-${actKey}`;
}

export interface ActRef {
  actId: string;
}

export interface ExtractionSummary {
  documents: number;
  pages: number;
  characters: number;
}

export interface ActFailure extends ActRef {
  code: string;
  message: string;
}

/**
 * Side effects of the act pipeline. Implemented in `@openactes/activities`;
 * workflows see them only as this type.
 */
export interface ActActivities {
  startActProcessing(input: ActRef): Promise<void>;
  extractActText(input: ActRef): Promise<ExtractionSummary>;
  buildDeliberationRecord(input: ActRef): Promise<{ warnings: string[] }>;
  publishAct(input: ActRef): Promise<void>;
  failAct(input: ActFailure): Promise<void>;
}
