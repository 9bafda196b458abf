import { defineSignal } from '@temporalio/workflow';
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
export interface ProcessingStart {
  /** False when the act was ended (rejected, cancelled) before its pipeline started. */
  proceed: boolean;
  status: ActStatus;
}

export interface AnonymisationOutcome {
  decision: 'publish' | 'review';
  reasons: string[];
}

/**
 * A reviewer's correction of the anonymiser, over the main document's extracted text
 * (`document.text`, UTF-16 offsets, end exclusive: the coordinates of the stored entities).
 * `redact` adds a redaction (and to every other occurrence of the same words); `keep` un-redacts.
 */
export interface ReviewCorrection {
  start: number;
  end: number;
  action: 'redact' | 'keep';
  label?: string;
}

/** A reviewer's decision on an act held for review. */
export interface ReviewDecision {
  decision: 'approve' | 'withhold';
  actor: string;
  comment: string | null;
  /** Only with `approve`; absent from decisions sent before corrections existed. */
  corrections?: ReviewCorrection[];
}

export const reviewDecisionSignal = defineSignal<[ReviewDecision]>('reviewDecision');

/** The act ended while its workflow waited (prefecture anomaly, cancellation): the workflow stops. */
export interface ActEnded {
  status: ActStatus;
  actor: string;
}

export const actEndedSignal = defineSignal<[ActEnded]>('actEnded');

/** How long a held act waits before a reminder, then an escalation (from the worker's configuration). */
export interface ReviewTiming {
  remindAfterMs: number;
  escalateAfterMs: number;
}

export interface ActActivities {
  startActProcessing(input: ActRef): Promise<ProcessingStart>;
  extractActText(input: ActRef): Promise<ExtractionSummary>;
  buildDeliberationRecord(input: ActRef): Promise<{ warnings: string[] }>;
  publishAct(input: ActRef): Promise<{ published: boolean; status: ActStatus }>;
  failAct(input: ActFailure): Promise<void>;
  anonymiseAct(input: ActRef): Promise<AnonymisationOutcome>;
  decideActPublication(input: ActRef): Promise<{ act: 'publish' | 'withhold' | 'review'; reasons: string[] }>;
  withholdAct(input: ActRef & { reasons: string[] }): Promise<{ status: ActStatus }>;
  /** Resolves to the review timing; histories recorded before reminders existed hold undefined. */
  holdForReview(input: ActRef & { reasons: string[] }): Promise<ReviewTiming | void>;
  remindReview(input: ActRef & { level: 'reminder' | 'escalation'; waitedMs: number }): Promise<{ status: ActStatus }>;
  applyReview(input: ActRef & ReviewDecision): Promise<{ status: ActStatus }>;
}
