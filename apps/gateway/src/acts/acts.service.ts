import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { reviewDecisionSignal } from '@openactes/contracts';
import { assertSirenAllowed, CodedError, type PlatformPrincipal } from '@openactes/domain';
import { correctionProblems } from '@openactes/anonymisation';
import { ActStore, AuditLog, DatasetStore, DocumentPublicationStore } from '@openactes/persistence';
import { DataSource } from 'typeorm';
import { ActWorkflowStarter } from '../transmissions/act-workflow-starter';
import type { ActDto } from './act.dto';
import type { ReviewDecisionDto } from './review.dto';
import { toActDto } from './act.mapper';

@Injectable()
export class ActsService {
  constructor(
    private readonly acts: ActStore,
    private readonly audit: AuditLog,
    private readonly starter: ActWorkflowStarter,
    private readonly temporal: Client,
    dataSource: DataSource,
    private readonly datasets: DatasetStore,
  ) {
    this.publications = new DocumentPublicationStore(dataSource);
  }

  private readonly publications: DocumentPublicationStore;

  async get(id: string, principal?: PlatformPrincipal): Promise<ActDto> {
    const act = await this.acts.get(id);
    if (principal) assertSirenAllowed(principal, act.siren);
    const [documents, events, published, datasetVersions] = await Promise.all([
      this.acts.documents(id),
      this.audit.forSubject('act', id),
      this.publications.publishedDocuments(id),
      this.datasets.appearances(id),
    ]);
    return toActDto(act, documents, events, principal !== undefined, published, datasetVersions);
  }

  /** Runs the pipeline again for an act that failed (after a fix, or once a dependency is back). */
  async retry(id: string, principal: PlatformPrincipal): Promise<{ id: string; status: string }> {
    const act = await this.acts.get(id);
    assertSirenAllowed(principal, act.siren);
    if (act.status !== 'failed') {
      throw new CodedError('CONFLICT', `Only failed acts can be retried (this one is ${act.status})`, { status: act.status });
    }
    await this.audit.append({ actor: principal.id, action: 'act.retry_requested', subjectType: 'act', subjectId: id, outcome: 'ok', details: { previousCode: act.failureCode } });
    await this.starter.start({ actId: act.id, actKey: act.actKey });
    return { id: act.id, status: act.status };
  }

  /** A reviewer's decision on an act the anonymiser held: its workflow resumes with it. */
  async review(id: string, decision: ReviewDecisionDto, principal: PlatformPrincipal): Promise<{ id: string; status: string }> {
    const act = await this.acts.get(id);
    assertSirenAllowed(principal, act.siren);
    if (act.status !== 'held_for_review') {
      throw new CodedError('CONFLICT', `Only acts held for review can be reviewed (this one is ${act.status})`, { status: act.status });
    }
    const corrections = decision.corrections ?? [];
    if (corrections.length) await this.checkCorrections(act.id, decision.decision, corrections);
    await this.temporal.workflow.getHandle(act.workflowId).signal(reviewDecisionSignal, {
      decision: decision.decision,
      actor: principal.id,
      comment: decision.comment ?? null,
      ...(corrections.length ? { corrections: corrections.map(({ start, end, action, label }) => ({ start, end, action, ...(label ? { label } : {}) })) } : {}),
    });
    return { id: act.id, status: act.status };
  }

  /** Corrections only come with an approval, within the main text, without overlaps: refused here rather than failing the act later. */
  private async checkCorrections(actId: string, decision: string, corrections: NonNullable<ReviewDecisionDto['corrections']>): Promise<void> {
    if (decision !== 'approve') throw new CodedError('VALIDATION_FAILED', 'Corrections come only with an approval', { decision });
    const main = (await this.acts.documents(actId)).find((d) => d.role === 'main');
    const length = main ? ((await this.acts.documentText(main.id)) ?? '').length : 0;
    const problems = correctionProblems(corrections, length);
    if (problems.length) throw new CodedError('VALIDATION_FAILED', 'Some corrections do not fit the main text', { textLength: length, problems });
  }
}
