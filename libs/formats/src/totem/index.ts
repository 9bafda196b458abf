export { loadAccountPlan, parseAccountPlan, type AccountPlan, type ChapterColumn, type PlanAccount, type PlanChapter } from './account-plan';
export { NATDEC_TO_SCDL, totemToScdlBudget, type DroppedLine, type ScdlBudgetConversion } from './scdl-budget';
export { NATURAL_PERSON_PLACEHOLDER, isNaturalPerson, totemToScdlSubventions, type ScdlSubventionsConversion } from './scdl-subventions';
export {
  DOCBUDGETAIRE_NS,
  DOCCFU_NS,
  TOTEM_AMOUNTS,
  readTotem,
  type TotemAmount,
  type TotemConcours,
  type TotemDocument,
  type TotemLine,
} from './totem-document';
export { looksLikeTotem } from './totem-sniff';
