import { CodedError } from '@openactes/domain';
import type { ScdlBudgetRow } from '../table-schema';
import type { AccountPlan, ChapterColumn, PlanChapter } from './account-plan';
import type { TotemDocument, TotemLine } from './totem-document';

/** SCDL BGT_NATDEC by TOTEM NatDec. SCDL has no CFU stage: a CFU is the year's compte administratif. */
export const NATDEC_TO_SCDL: Readonly<Record<string, string>> = {
  '01': 'budget primitif',
  '02': 'décision modificative',
  '03': 'budget supplémentaire',
  '09': 'compte administratif',
  '10': 'compte administratif',
};

export interface DroppedLine {
  /** 1-based position among the document's `LigneBudget`. */
  line: number;
  reason: 'calculated' | 'no-nature';
}

export interface ScdlBudgetConversion {
  rows: ScdlBudgetRow[];
  dropped: DroppedLine[];
  warnings: string[];
}

const SECTIONS: Record<string, string> = { F: 'fonctionnement', I: 'investissement' };
const OP_BUDG: Record<string, string> = { '0': 'réel', '1': 'ordre' };
const COD_RD: Record<string, string> = { R: 'recette', D: 'dépense' };
const ART_SPE: Record<string, string> = { false: 'non spécialisé', true: 'spécialisé' };

/**
 * SCDL budget 0.8.3 rows, one per voted `LigneBudget`, in document order.
 * Chapters missing from the line, labels and sections come from the account plan
 * of the document's nomenclature; lines the tools computed are dropped.
 */
export function totemToScdlBudget(doc: TotemDocument, plan: AccountPlan): ScdlBudgetConversion {
  if (plan.norme !== doc.norme || plan.declinaison !== doc.declinaison) {
    throw new CodedError('MISSING_ACCOUNT_PLAN', `The document needs the ${doc.nomenclature} plan, got ${plan.norme}-${plan.declinaison}`, {
      nomenclature: doc.nomenclature,
      year: doc.year,
      reason: 'mismatch',
    });
  }
  const natDec = NATDEC_TO_SCDL[doc.natDec];
  if (natDec === undefined) throw new CodedError('INVALID_TOTEM', `Unknown budget stage NatDec ${doc.natDec}`, { natDec: doc.natDec, reason: 'natdec' });

  const warnings: string[] = [];
  if (doc.natDec === '10') warnings.push('CFU published as "compte administratif": SCDL budget 0.8.3 has no CFU stage');
  if (plan.year !== doc.year) warnings.push(`Account plan ${doc.nomenclature} declares exercice ${plan.year}, the document ${doc.year}`);

  const head = { BGT_NATDEC: natDec, BGT_ANNEE: doc.year, BGT_SIRET: doc.budget.siret ?? doc.collectivity.siret ?? '', BGT_NOM: doc.collectivity.name };
  const rows: ScdlBudgetRow[] = [];
  const dropped: DroppedLine[] = [];
  for (const line of doc.lines) {
    if (line.calculated) dropped.push({ line: line.position, reason: 'calculated' });
    else if (line.nature === undefined) dropped.push({ line: line.position, reason: 'no-nature' });
    else {
      const warn = (message: string) => warnings.push(`Line ${line.position} (${line.nature}): ${message}`);
      rows.push({ ...head, ...lineCells(plan, line, line.nature, warn) });
    }
  }
  return { rows, dropped, warnings };
}

type LineCells = Omit<ScdlBudgetRow, 'BGT_NATDEC' | 'BGT_ANNEE' | 'BGT_SIRET' | 'BGT_NOM'>;

function lineCells(plan: AccountPlan, line: TotemLine, nature: string, warn: (message: string) => void): LineCells {
  const chapterCode = line.contNat ?? derivedChapter(plan, line, nature);
  if (chapterCode === undefined) warn('no chapter on the line nor in the plan');
  const chapter = chapterCode === undefined ? undefined : planChapter(plan, chapterCode, warn);
  if (chapter?.section === undefined && line.section) warn(`section taken from the line's CaracSup (${line.section})`);
  return {
    BGT_CONTNAT: chapterCode ?? '',
    BGT_CONTNAT_LABEL: chapter?.label ?? '',
    BGT_NATURE: nature,
    BGT_NATURE_LABEL: natureLabel(plan, line, nature, warn),
    BGT_FONCTION: line.fonction ?? '',
    BGT_FONCTION_LABEL: line.fonction === undefined ? '' : (plan.functions.get(line.fonction) ?? ''),
    BGT_OPERATION: line.operation ?? '',
    BGT_SECTION: SECTIONS[chapter?.section ?? line.section ?? ''] ?? '',
    BGT_OPBUDG: OP_BUDG[line.opBudg ?? ''] ?? '',
    BGT_CODRD: COD_RD[line.codRD ?? ''] ?? '',
    BGT_MTREAL: line.amounts.MtReal ?? '',
    BGT_MTBUDGPREC: line.amounts.MtBudgPrec ?? '',
    BGT_MTRARPREC: line.amounts.MtRARPrec ?? '',
    BGT_MTPROPNOUV: line.amounts.MtPropNouv ?? '',
    BGT_MTPREV: line.amounts.MtPrev ?? '',
    BGT_CREDOUV: line.amounts.CredOuv ?? '',
    BGT_MTRAR3112: line.amounts.MtRAR3112 ?? '',
    BGT_ARTSPE: ART_SPE[line.artSpe ?? ''] ?? '',
  };
}

/**
 * Without `ContNat`, the account's chapter for this kind of operation: real
 * lines use DR/RR; order lines OES (TypOpBudg 2, between sections) or OIS (1, within a section).
 */
function derivedChapter(plan: AccountPlan, line: TotemLine, nature: string): string | undefined {
  const chapters = plan.accounts.get(nature)?.chapters;
  const rd = line.codRD === 'R' ? 'R' : line.codRD === 'D' ? 'D' : undefined;
  if (!chapters || !rd) return undefined;
  const kinds = line.opBudg === '1' ? (line.typOpBudg === '1' ? ['OIS'] : line.typOpBudg === '2' ? ['OES'] : ['OES', 'OIS']) : ['R'];
  return kinds.map((kind) => chapters[`${rd}${kind}` as ChapterColumn]).find((chapter) => chapter !== undefined);
}

/** The chapter, or the plan chapter it subdivides (operations for third parties: 4581 + operation number 001). */
function planChapter(plan: AccountPlan, code: string, warn: (message: string) => void): PlanChapter | undefined {
  const exact = plan.chapters.get(code);
  if (exact) return exact;
  for (let length = code.length - 1; length > 0; length--) {
    const parent = plan.chapters.get(code.slice(0, length));
    if (parent) {
      warn(`chapter ${code} is not in the plan, labelled as its chapter ${parent.code}`);
      return parent;
    }
  }
  warn(`chapter ${code} is not in the plan`);
  return undefined;
}

/**
 * The plan's label; else the line's own `LibCpte` (unless the line belongs to an
 * equipment operation, whose LibCpte names the operation); else the label of
 * the closest enclosing account.
 */
function natureLabel(plan: AccountPlan, line: TotemLine, nature: string, warn: (message: string) => void): string {
  const account = plan.accounts.get(nature);
  if (account) return account.label;
  if (line.libCpte && line.operation === undefined) {
    warn('account not in the plan, labelled with the line LibCpte');
    return line.libCpte;
  }
  for (let length = nature.length - 1; length > 0; length--) {
    const parent = plan.accounts.get(nature.slice(0, length));
    if (parent) {
      warn(`account not in the plan, labelled as its parent account ${parent.code}`);
      return parent.label;
    }
  }
  warn('account not in the plan');
  return '';
}
