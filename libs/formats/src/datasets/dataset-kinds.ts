import { DECP_CSV_SCHEMA } from '../decp';
import { fieldNames, SCDL_BUDGET_SCHEMA, SCDL_DELIBERATIONS_SCHEMA, SCDL_SUBVENTIONS_SCHEMA, type TableSchema } from '../table-schema';

export type DatasetKindName = 'deliberations' | 'actes' | 'budget' | 'subventions' | 'procurement';

/** Our own "actes" dataset: every published act, whatever its nature, with its published documents. */
export const ACTES_DATASET_FIELDS = [
  'ACTE_ID',
  'COLL_SIREN',
  'COLL_NOM',
  'NUMERO_INTERNE',
  'ID_ACTE',
  'NATURE_CODE',
  'NATURE_LIBELLE',
  'MATIERE_CODE',
  'DATE_DECISION',
  'DATE_PUBLICATION',
  'OBJET',
  'URL',
  'DOCUMENTS_URLS',
] as const;

export interface DatasetKind {
  name: DatasetKindName;
  title: string;
  description: string;
  keywords: string[];
  /** The schema its rows conform to (schema.data.gouv.fr), when there is one. */
  schema: { id: string; title: string; url: string; descriptor: TableSchema } | null;
  header: readonly string[];
  /** High-value dataset under Implementing Regulation (EU) 2023/138. */
  highValue: boolean;
}

const schemaUrl = (id: string, version: string) => `https://schema.data.gouv.fr/${id}/${version}/`;

export const DATASET_KINDS: Record<DatasetKindName, DatasetKind> = {
  deliberations: {
    name: 'deliberations',
    title: 'Délibérations',
    description:
      "Délibérations publiées, au format SCDL délibérations 2.1.5. Objets pseudonymisés : aucune donnée personnelle d'une personne privée n'est publiée. Seules les lignes acceptées par le schéma sont publiées.",
    keywords: ['délibérations', 'actes', 'conseil municipal', 'SCDL'],
    schema: { id: 'scdl/deliberations', title: 'SCDL Délibérations 2.1.5', url: schemaUrl('scdl/deliberations', '2.1.5'), descriptor: SCDL_DELIBERATIONS_SCHEMA },
    header: fieldNames(SCDL_DELIBERATIONS_SCHEMA),
    highValue: false,
  },
  actes: {
    name: 'actes',
    title: 'Actes publiés',
    description:
      "Tous les actes publiés (délibérations, arrêtés réglementaires, contrats, actes budgétaires), avec leur nature, leur date de publication en ligne (qui les rend exécutoires) et les liens vers leurs documents publiés (pseudonymisés).",
    keywords: ['actes administratifs', 'publicité des actes', 'délibérations', 'arrêtés'],
    schema: null,
    header: ACTES_DATASET_FIELDS,
    highValue: false,
  },
  budget: {
    name: 'budget',
    title: 'Budgets',
    description: 'Lignes des documents budgétaires (TOTEM), au format SCDL budget 0.8.3 ; les lignes de totaux calculés sont exclues.',
    keywords: ['budget', 'finances locales', 'TOTEM', 'SCDL'],
    schema: { id: 'scdl/budget', title: 'SCDL Budget 0.8.3', url: schemaUrl('scdl/budget', '0.8.3'), descriptor: SCDL_BUDGET_SCHEMA },
    header: fieldNames(SCDL_BUDGET_SCHEMA),
    highValue: false,
  },
  subventions: {
    name: 'subventions',
    title: 'Subventions',
    description:
      "Subventions versées, au format SCDL subventions 2.1.1, tirées de l'annexe CONCOURS des budgets et des fichiers de subventions que les collectivités publient (lignes réparées quand une seule lecture est possible, les autres en quarantaine). L'annexe ne porte ni la date de convention, ni les conditions et dates de versement, ni la notification UE : les lignes qui en ont besoin restent en quarantaine. Bénéficiaires personnes physiques occultés.",
    keywords: ['subventions', 'associations', 'SCDL'],
    schema: { id: 'scdl/subventions', title: 'SCDL Subventions 2.1.1', url: schemaUrl('scdl/subventions', '2.1.1'), descriptor: SCDL_SUBVENTIONS_SCHEMA },
    header: fieldNames(SCDL_SUBVENTIONS_SCHEMA),
    highValue: false,
  },
  procurement: {
    name: 'procurement',
    title: 'Données essentielles de la commande publique',
    description:
      "Marchés et contrats de concession (DECP 2.0.3), consolidés : un contrat par acheteur et identifiant, modifications appliquées dans l'ordre ; une ligne par contrat × titulaire × modification.",
    keywords: ['commande publique', 'marchés publics', 'DECP'],
    schema: { id: 'decp', title: 'DECP 2.0.3 (format tabulaire Open Actes)', url: 'https://schema.data.gouv.fr/139bercy/format-commande-publique/', descriptor: DECP_CSV_SCHEMA as TableSchema },
    header: fieldNames(DECP_CSV_SCHEMA),
    highValue: false,
  },
};

/** The title of a dataset: of a collectivity, or of every collectivity of the platform. */
export function datasetTitle(kind: DatasetKindName, collectivityName: string | null): string {
  return `${DATASET_KINDS[kind].title} — ${collectivityName ?? 'toutes les collectivités'}`;
}
