import { budgetWorkflowId, type ProcessBudgetInput } from '@openactes/contracts';
import { assertSirenAllowed, budgetKey, CodedError, isCodedError, type BudgetStatus, type PlatformPrincipal } from '@openactes/domain';
import { NATDEC_TO_SCDL, readTotem, type TotemDocument } from '@openactes/formats';
import type { AuditLog, BudgetStore, NewBudget, PayloadStore } from '@openactes/persistence';
import { rejectPayload } from './payload-rejection';

export interface ReceivedTotem {
  body: Buffer;
  contentType: string | null;
  fileName?: string;
  /** The budget act whose ACTES archive carried the flux. */
  actId?: string;
}

export interface BudgetRegistration {
  budgetId: string;
  status: BudgetStatus;
  /** False when this flux, or one with the same natural key, was registered before. */
  isNew: boolean;
}

export interface BudgetIngestionDeps {
  payloads: PayloadStore;
  budgets: BudgetStore;
  audit: AuditLog;
  /** Starts (or joins) the workflow of a budget. */
  startBudget: (input: ProcessBudgetInput) => Promise<void>;
}

/**
 * The one way a TOTEM flux enters the system, posted alone or carried by a
 * budget act: store the payload first, then read it, check the token's scope,
 * register the budget and start its workflow. A rejection keeps the payload and its reason.
 */
export class BudgetIngestion {
  constructor(private readonly deps: BudgetIngestionDeps) {}

  async receive(input: ReceivedTotem, principal: PlatformPrincipal): Promise<BudgetRegistration> {
    const { payloads, budgets, audit, startBudget } = this.deps;
    const stored = await payloads.store({ kind: 'totem', contentType: input.contentType, content: input.body, submitter: principal.id });
    let budget: NewBudget;
    try {
      const doc = readTotem(input.body, input.fileName);
      budget = { ...newBudget(doc, stored.sha256), payloadSha256: stored.sha256, actId: input.actId ?? null };
      for (const siret of new Set([doc.collectivity.siret, doc.budget.siret])) if (siret) assertSirenAllowed(principal, siret.slice(0, 9));
    } catch (err) {
      if (isCodedError(err)) await rejectPayload(payloads, audit, stored.sha256, err, principal);
      throw err;
    }
    const registered = await budgets.register(budget, principal.id);
    await payloads.markAccepted(stored.sha256);
    if (registered.status === 'received') await startBudget({ budgetId: registered.id, budgetKey: registered.budgetKey });
    return { budgetId: registered.id, status: registered.status, isNew: registered.isNew };
  }
}

/** What registration needs from the document: its natural key and a few labels. */
function newBudget(doc: TotemDocument, payloadSha256: string): Omit<NewBudget, 'payloadSha256' | 'actId'> {
  const siret = doc.budget.siret ?? doc.collectivity.siret;
  if (!siret || !/^\d{14}$/.test(siret)) {
    throw new CodedError('INVALID_TOTEM', `The document gives no valid SIRET (IdEtab or IdColl): "${siret ?? ''}"`, { reason: 'siret' });
  }
  if (NATDEC_TO_SCDL[doc.natDec] === undefined) {
    throw new CodedError('INVALID_TOTEM', `Unknown budget stage NatDec ${doc.natDec}`, { natDec: doc.natDec, reason: 'natdec' });
  }
  const key = budgetKey({ siret, year: doc.year, natDec: doc.natDec, budgetCode: doc.budget.code ?? '', decisionDate: doc.decisionDate, payloadSha256 });
  return {
    budgetKey: key,
    workflowId: budgetWorkflowId(key),
    siren: siret.slice(0, 9),
    siret,
    year: Number(doc.year),
    natDec: doc.natDec,
    budgetCode: doc.budget.code ?? '',
    nomenclature: doc.nomenclature,
    kind: doc.kind,
    collectivityName: doc.collectivity.name,
    budgetName: doc.budget.name ?? null,
  };
}
