import type { TableSchema } from '../table-schema';

const required = { required: true } as const;
const code = { required: true, minLength: 1, maxLength: 9 } as const;
const amount = <N extends string>(name: N, title: string) => ({ name, title, type: 'number' }) as const;

/**
 * SCDL budget 0.8.3: one row per TOTEM `LigneBudget`. BGT_CONTNAT holds the
 * chapter and BGT_NATURE the account, as every converter and real file do
 * (the schema's own descriptions have them the other way round).
 */
export const SCDL_BUDGET_SCHEMA = {
  name: 'scdl-budget',
  version: '0.8.3',
  missingValues: [''],
  fields: [
    {
      name: 'BGT_NATDEC',
      title: 'Étape budgétaire',
      type: 'string',
      constraints: { required: true, enum: ['budget primitif', 'budget supplémentaire', 'décision modificative', 'compte administratif'] },
    },
    { name: 'BGT_ANNEE', title: 'Exercice', type: 'year', constraints: required },
    { name: 'BGT_SIRET', title: 'SIRET du budget', type: 'string', constraints: { required: true, pattern: '^\\d{14}$' } },
    { name: 'BGT_NOM', title: 'Collectivité ou établissement', type: 'string', constraints: required },
    { name: 'BGT_CONTNAT', title: 'Chapitre', type: 'string', constraints: code },
    { name: 'BGT_CONTNAT_LABEL', title: 'Libellé du chapitre', type: 'string', constraints: required },
    { name: 'BGT_NATURE', title: 'Compte par nature', type: 'string', constraints: code },
    { name: 'BGT_NATURE_LABEL', title: 'Libellé du compte', type: 'string', constraints: required },
    { name: 'BGT_FONCTION', title: 'Fonction', type: 'string', constraints: { minLength: 1, maxLength: 9 } },
    { name: 'BGT_FONCTION_LABEL', title: 'Libellé de la fonction', type: 'string' },
    { name: 'BGT_OPERATION', title: "Opération d'équipement", type: 'string' },
    { name: 'BGT_SECTION', title: 'Section', type: 'string', constraints: { required: true, enum: ['investissement', 'fonctionnement'] } },
    { name: 'BGT_OPBUDG', title: "Réel ou d'ordre", type: 'string', constraints: { required: true, enum: ['réel', 'ordre'] } },
    { name: 'BGT_CODRD', title: 'Recette ou dépense', type: 'string', constraints: { required: true, enum: ['recette', 'dépense'] } },
    amount('BGT_MTREAL', 'Réalisé'),
    amount('BGT_MTBUDGPREC', 'Budget précédent'),
    amount('BGT_MTRARPREC', "Restes à réaliser de l'exercice précédent"),
    amount('BGT_MTPROPNOUV', 'Propositions nouvelles'),
    amount('BGT_MTPREV', 'Montant voté'),
    amount('BGT_CREDOUV', 'Crédits ouverts'),
    amount('BGT_MTRAR3112', 'Restes à réaliser au 31 décembre'),
    { name: 'BGT_ARTSPE', title: 'Article spécialisé', type: 'string', constraints: { enum: ['non spécialisé', 'spécialisé'] } },
  ],
  custom_checks: [{ name: 'french-siret-value', params: { column: 'BGT_SIRET' } }],
} as const satisfies TableSchema;

export type ScdlBudgetField = (typeof SCDL_BUDGET_SCHEMA.fields)[number]['name'];
export type ScdlBudgetRow = Record<ScdlBudgetField, string>;
