import type { TableSchema } from '../table-schema';

const required = { required: true } as const;

/** SCDL subventions 2.1.1: one row per (subsidy agreement, beneficiary). */
export const SCDL_SUBVENTIONS_SCHEMA = {
  name: 'scdl-subventions',
  version: '2.1.1',
  fields: [
    { name: 'nomAttribuant', title: 'Attribuant', type: 'string', constraints: required },
    { name: 'idAttribuant', title: "SIRET de l'attribuant", type: 'string', constraints: { required: true, pattern: '^\\d{14}$' } },
    { name: 'dateConvention', title: 'Date de la convention', type: 'date', constraints: required },
    { name: 'referenceDecision', title: 'Référence de la décision', type: 'string' },
    { name: 'nomBeneficiaire', title: 'Bénéficiaire', type: 'string', constraints: required },
    { name: 'idBeneficiaire', title: 'SIRET du bénéficiaire', type: 'string' },
    { name: 'rnaBeneficiaire', title: 'Numéro RNA du bénéficiaire', type: 'string', constraints: { pattern: '^W\\d{9}$' } },
    { name: 'objet', title: 'Objet', type: 'string', constraints: { required: true, maxLength: 256 } },
    { name: 'montant', title: 'Montant total', type: 'number', constraints: required },
    {
      name: 'nature',
      title: "Nature de l'aide",
      type: 'string',
      constraints: {
        required: true,
        enum: ['aide en numéraire', 'aide en nature', 'aide en numéraire;aide en nature', 'aide en nature;aide en numéraire'],
      },
    },
    { name: 'conditionsVersement', title: 'Conditions de versement', type: 'string', constraints: { required: true, maxLength: 256 } },
    {
      name: 'datesPeriodeVersement',
      title: 'Date ou période de versement',
      type: 'string',
      constraints: { required: true, pattern: '^[0-9]{4}\\-[0-9]{2}\\-[0-9]{2}(\\/[0-9]{4}\\-[0-9]{2}\\-[0-9]{2})?$' },
    },
    { name: 'idRAE', title: 'Identifiant RAE', type: 'string', constraints: { maxLength: 5 } },
    { name: 'notificationUE', title: 'Aide notifiée à la Commission européenne', type: 'boolean', trueValues: ['oui'], falseValues: ['non'], constraints: required },
    { name: 'pourcentageSubvention', title: 'Part du bénéficiaire', type: 'number', constraints: { required: true, minimum: 0.01, maximum: 1 } },
    { name: 'dispositifAide', title: "Dispositif d'aide", type: 'string' },
  ],
  custom_checks: [
    { name: 'french-siret-value', params: { column: 'idAttribuant' } },
    { name: 'french-siret-value', params: { column: 'idBeneficiaire' } },
    { name: 'one-of-required', params: { column1: 'idBeneficiaire', column2: 'rnaBeneficiaire' } },
  ],
} as const satisfies TableSchema;

export type ScdlSubventionsField = (typeof SCDL_SUBVENTIONS_SCHEMA.fields)[number]['name'];
export type ScdlSubventionsRow = Record<ScdlSubventionsField, string>;
