import { Injectable } from '@nestjs/common';
import { assertSirenAllowed, CodedError, type PlatformPrincipal } from '@openactes/domain';
import { BudgetIngestion, type BudgetRegistration, type ReceivedTotem } from '@openactes/ingestion';
import { AuditLog, BudgetStore, PayloadStore } from '@openactes/persistence';
import type { BudgetAcceptedDto, BudgetDto } from './budget.dto';
import { toBudgetDto } from './budget.mapper';
import { BudgetWorkflowStarter } from './budget-workflow-starter';

@Injectable()
export class BudgetsService {
  private readonly ingestion: BudgetIngestion;

  constructor(
    payloads: PayloadStore,
    private readonly budgets: BudgetStore,
    private readonly audit: AuditLog,
    private readonly starter: BudgetWorkflowStarter,
  ) {
    this.ingestion = new BudgetIngestion({ payloads, budgets, audit, startBudget: (input) => starter.start(input) });
  }

  /** Also the hook of ACTES ingestion, for the TOTEM flux of a budget act. */
  receive(input: ReceivedTotem, principal: PlatformPrincipal): Promise<BudgetRegistration> {
    return this.ingestion.receive(input, principal);
  }

  async get(id: string, principal?: PlatformPrincipal): Promise<BudgetDto> {
    const budget = await this.budgets.get(id);
    if (principal) assertSirenAllowed(principal, budget.siren);
    return toBudgetDto(budget, await this.audit.forSubject('budget', id));
  }

  /** Runs the pipeline again for a budget that failed (once its account plan is in the folder, for instance). */
  async retry(id: string, principal: PlatformPrincipal): Promise<BudgetAcceptedDto> {
    const budget = await this.budgets.get(id);
    assertSirenAllowed(principal, budget.siren);
    if (budget.status !== 'failed') {
      throw new CodedError('CONFLICT', `Only failed budgets can be retried (this one is ${budget.status})`, { status: budget.status });
    }
    await this.audit.append({ actor: principal.id, action: 'budget.retry_requested', subjectType: 'budget', subjectId: id, outcome: 'ok', details: { previousCode: budget.failureCode } });
    await this.starter.start({ budgetId: budget.id, budgetKey: budget.budgetKey });
    return { budgetId: budget.id, status: budget.status };
  }
}
