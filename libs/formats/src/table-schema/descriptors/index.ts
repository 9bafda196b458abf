export { SCDL_BUDGET_SCHEMA, type ScdlBudgetField, type ScdlBudgetRow } from './scdl-budget';
export { SCDL_DELIBERATIONS_SCHEMA } from './scdl-deliberations';
export { SCDL_SUBVENTIONS_SCHEMA, type ScdlSubventionsField, type ScdlSubventionsRow } from './scdl-subventions';
