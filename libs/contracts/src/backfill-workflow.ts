import { defineQuery } from '@temporalio/workflow';

export interface BackfillAct {
  actId: string;
  actKey: string;
  /** The act's own workflow id; each child runs as `<workflowId>-backfill-<run>`. */
  workflowId: string;
}

export interface BackfillInput {
  siren: string;
  fromYear: number;
  toYear: number;
  /** The backfill's number for this SIREN: keeps the children's ids new on every run. */
  run: number;
  acts: BackfillAct[];
  /** Children started at once (20 by default). */
  batchSize?: number;
}

export interface BackfillProgress {
  total: number;
  done: number;
  failed: number;
  status: 'running' | 'completed';
}

export const backfillProgressQuery = defineQuery<BackfillProgress>('progress');

export function backfillChildWorkflowId(act: BackfillAct, run: number): string {
  return `${act.workflowId}-backfill-${run}`;
}
