import type { TableSchema } from '../table-schema';

const required = { required: true } as const;

/** SCDL délibérations 2.1.5: one row per deliberation. */
export const SCDL_DELIBERATIONS_SCHEMA = {
  name: 'scdl-deliberations',
  version: '2.1.5',
  fields: [
    { name: 'COLL_NOM', title: 'Collectivité', type: 'string', constraints: required },
    { name: 'COLL_SIRET', title: 'SIRET de la collectivité', type: 'string', constraints: { required: true, pattern: '^\\d{14}$' } },
    { name: 'DELIB_ID', title: 'Identifiant interne', type: 'string', constraints: required },
    { name: 'DELIB_DATE', title: "Date d'adoption", type: 'date', constraints: required },
    { name: 'DELIB_MATIERE_CODE', title: 'Code matière ACTES', type: 'string', constraints: { required: true, pattern: '^\\d\\.\\d{1,2}$' } },
    { name: 'DELIB_MATIERE_NOM', title: 'Libellé matière ACTES', type: 'string', constraints: required },
    { name: 'DELIB_OBJET', title: 'Objet', type: 'string', constraints: required },
    { name: 'BUDGET_ANNEE', title: 'Année budgétaire', type: 'string', constraints: { pattern: '^[0-9]{4}(\\/[0-9]{4})?$' } },
    { name: 'BUDGET_NOM', title: 'Budget concerné', type: 'string' },
    { name: 'PREF_ID', title: 'Autorité de contrôle de légalité', type: 'string' },
    { name: 'PREF_DATE', title: 'Date de réception en préfecture', type: 'date' },
    { name: 'VOTE_EFFECTIF', title: 'Votants théoriques', type: 'integer' },
    { name: 'VOTE_REEL', title: 'Votants', type: 'integer' },
    { name: 'VOTE_POUR', title: 'Voix pour', type: 'integer' },
    { name: 'VOTE_CONTRE', title: 'Voix contre', type: 'integer' },
    { name: 'VOTE_ABSTENTION', title: 'Abstentions', type: 'integer' },
    { name: 'DELIB_URL', title: 'Lien vers le document', type: 'string', format: 'uri' },
  ],
  custom_checks: [
    { name: 'french-siret-value', params: { column: 'COLL_SIRET' } },
    { name: 'year-interval-value', params: { column: 'BUDGET_ANNEE', 'allow-year-only': 'yes' } },
    { name: 'cohesive-columns-value', params: { column: 'BUDGET_ANNEE', othercolumns: ['BUDGET_NOM'] } },
    {
      name: 'cohesive-columns-value',
      params: { column: 'VOTE_EFFECTIF', othercolumns: ['VOTE_REEL', 'VOTE_POUR', 'VOTE_CONTRE', 'VOTE_ABSTENTION'] },
    },
    { name: 'compare-columns-value', params: { column: 'PREF_DATE', op: '>=', column2: 'DELIB_DATE' } },
    { name: 'compare-columns-value', params: { column: 'VOTE_EFFECTIF', op: '>=', column2: 'VOTE_REEL' } },
    { name: 'compare-columns-value', params: { column: 'VOTE_REEL', op: '>=', column2: 'VOTE_POUR' } },
    { name: 'compare-columns-value', params: { column: 'VOTE_REEL', op: '>=', column2: 'VOTE_CONTRE' } },
    { name: 'compare-columns-value', params: { column: 'VOTE_REEL', op: '>=', column2: 'VOTE_ABSTENTION' } },
    { name: 'sum-columns-value', params: { column: 'VOTE_REEL', columns: ['VOTE_POUR', 'VOTE_CONTRE', 'VOTE_ABSTENTION'] } },
    { name: 'nomenclature-actes-value', params: { column: 'DELIB_MATIERE_NOM' } },
  ],
} as const satisfies TableSchema;
