import type { TableField, TableSchema } from '../table-schema';
import { recordSchema, resolveSchema } from './decp-schema';
import type { DecpKind } from './decp-types';

/** The allowed values of a field of our DECP JSON Schema, or of the items of a list field (`techniques.technique`). */
function enumOf(kind: DecpKind, path: string): string[] {
  let schema = recordSchema(kind);
  for (const key of path.split('.')) {
    if (schema.type === 'array') schema = resolveSchema(schema.items!);
    schema = resolveSchema(schema.properties![key]);
  }
  return ((schema.items ? resolveSchema(schema.items) : schema).enum ?? []) as string[];
}

const both = (path: string) => [...new Set([...enumOf('marche', path), ...enumOf('contrat-concession', path)])];

/** Several values of an enum in one cell, separated by `;` (the SCDL convention). */
function listOf(values: readonly string[]): string {
  const one = `(?:${values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`;
  return `${one}(?:;${one})*`;
}

const text = (name: string, title: string, constraints: TableField['constraints'] = {}): TableField => ({ name, title, type: 'string', constraints });
const oneOf = (name: string, title: string, values: readonly string[], required = false): TableField => text(name, title, { required, enum: values });
const listField = (name: string, title: string, values: readonly string[]): TableField => text(name, title, { pattern: listOf(values) });
const date = (name: string, title: string, required = false): TableField => ({ name, title, type: 'date', constraints: { required } });
const flag = (name: string, title: string, required = false): TableField => ({ name, title, type: 'boolean', constraints: { required } });
const share = (name: string, title: string): TableField => ({ name, title, type: 'number', constraints: { minimum: 0, maximum: 1 } });

/**
 * Our flat DECP table: one row per contract × holder × state (the initial
 * data, then each modification), marchés and concessions together. Modelled
 * on the consolidated table of decp.info, with SIRETs as strings and the
 * state columns (`dureeMois`, `montant`/`valeurGlobale`, holder) showing the
 * values in force after the row's modification. Lists are `;`-joined.
 */
export const DECP_CSV_SCHEMA = {
  name: 'openactes-decp-tabulaire',
  version: '1.0.0',
  fields: [
    text('uid', "SIRET de l'acheteur suivi de l'identifiant du contrat", { required: true }),
    oneOf('categorie', 'marche ou contrat-concession', ['marche', 'contrat-concession'], true),
    text('id', 'Identifiant du contrat chez son acheteur', { required: true, minLength: 1, maxLength: 16 }),
    text('acheteur_id', "SIRET de l'acheteur (marché) ou de l'autorité concédante (concession)", { required: true, pattern: '^\\d{14}$' }),
    oneOf('nature', 'Nature du contrat', both('nature'), true),
    text('objet', 'Objet', { required: true, maxLength: 1000 }),
    text('codeCPV', 'Code CPV (marché)', { pattern: '[0-9]{8}(-[0-9])?' }),
    oneOf('procedure', 'Procédure de passation', both('procedure'), true),
    listField('techniques', "Techniques d'achat (marché)", enumOf('marche', 'techniques.technique')),
    listField('modalitesExecution', "Modalités d'exécution (marché)", enumOf('marche', 'modalitesExecution.modaliteExecution')),
    text('idAccordCadre', "Identifiant de l'accord-cadre (marché subséquent)", { maxLength: 16 }),
    flag('marcheInnovant', 'Marché innovant'),
    oneOf('ccag', 'CCAG de référence (marché)', enumOf('marche', 'ccag')),
    { name: 'offresRecues', title: "Nombre d'offres reçues (marché)", type: 'integer', constraints: { minimum: 1 } },
    flag('attributionAvance', "Attribution d'une avance (marché)"),
    share('tauxAvance', "Taux de l'avance, 0 à 1 (marché)"),
    oneOf('typeGroupementOperateurs', "Type de groupement d'opérateurs (marché)", enumOf('marche', 'typeGroupementOperateurs')),
    flag('sousTraitanceDeclaree', 'Sous-traitance déclarée à la notification (marché)'),
    text('lieuExecution_code', "Code du lieu d'exécution (marché)"),
    oneOf('lieuExecution_typeCode', "Type de code du lieu d'exécution (marché)", enumOf('marche', 'lieuExecution.typeCode')),
    oneOf('formePrix', 'Forme du prix (marché)', enumOf('marche', 'formePrix')),
    listField('typesPrix', 'Types de prix (marché)', enumOf('marche', 'typesPrix.typePrix')),
    share('origineUE', "Part des produits de l'Union européenne (marché)"),
    share('origineFrance', 'Part des produits français (marché)'),
    listField('considerationsSociales', 'Considérations sociales', both('considerationsSociales.considerationSociale')),
    listField('considerationsEnvironnementales', 'Considérations environnementales', both('considerationsEnvironnementales.considerationEnvironnementale')),
    date('dateNotification', 'Date de notification du marché'),
    date('dateSignature', 'Date de signature du contrat de concession'),
    date('dateDebutExecution', "Date de début d'exécution (concession)"),
    date('datePublicationDonnees', 'Date de la première publication des données', true),
    { name: 'montantSubventionPublique', title: 'Montant de la subvention publique (concession)', type: 'number', constraints: { minimum: 0 } },
    { name: 'modification_id', title: 'Modification: 0 pour les données initiales', type: 'integer', constraints: { required: true, minimum: 0 } },
    date('modification_date', 'Date de notification (marché) ou de signature (concession) de la modification'),
    date('modification_datePublicationDonnees', 'Date de publication de la modification'),
    { name: 'dureeMois', title: 'Durée en mois à cet état', type: 'integer', constraints: { required: true, minimum: 1 } },
    { name: 'montant', title: 'Montant HT à cet état (marché)', type: 'number', constraints: { minimum: 1 } },
    { name: 'valeurGlobale', title: 'Valeur globale à cet état (concession)', type: 'number', constraints: { minimum: 1 } },
    oneOf('titulaire_typeIdentifiant', "Type d'identifiant du titulaire ou concessionnaire", enumOf('marche', 'titulaires.titulaire.typeIdentifiant'), true),
    text('titulaire_id', 'Identifiant du titulaire ou concessionnaire', { required: true }),
    flag('donneesActuelles', "Ligne de l'état actuel du contrat (dernière modification)", true),
  ],
  custom_checks: [{ name: 'french-siret-value', params: { column: 'acheteur_id' } }],
} as const satisfies TableSchema;
