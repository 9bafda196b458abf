/** The two kinds of contract in a DECP document, named as their JSON arrays. */
export type DecpKind = 'marche' | 'contrat-concession';

export const DECP_KINDS: readonly DecpKind[] = ['marche', 'contrat-concession'];

/** DECP 2.x (arrêtés of 22 December 2022, JSON 2.0.2–2.0.4 and XML 2.0.2) or the legacy 1.5 ("format 2019"). */
export type DecpVersion = '2.0' | '1.5';

/** A contract as found in the source, before any repair: only its place and kind are known. */
export interface DecpSourceRecord {
  /**
   * The source file and the record's JSON Pointer in it: `decp.json#/marches/marche/3`
   * (2.x JSON, and XML by position among its kind), `decp.json#/marches/3` (1.5).
   */
  recordId: string;
  kind: DecpKind;
  data: unknown;
}

export interface DecpDocument {
  source: string;
  format: 'json' | 'xml';
  version: DecpVersion;
  records: DecpSourceRecord[];
  /** Changes made while reading (bytes that were not JSON, a concession filed among marchés). */
  repairs: DecpRepair[];
}

/** One change to a value, made because the value broke the format and only one reading of it was possible. */
export interface DecpRepair {
  /** The record's id; `<file>#` (empty pointer) for a change to the whole document. */
  recordId: string;
  /** JSON Pointer inside the record (`/titulaires/0/titulaire/id`). */
  path: string;
  rule: string;
  before: unknown;
  after: unknown;
}

/** Why a record was left out of the output: one entry per problem found. */
export interface DecpRejection {
  recordId: string;
  rule: string;
  path: string;
  value: unknown;
  message: string;
}

// DECP 2.0.3 contracts as the schema defines them (enums are checked by the schema, typed here as strings).

export interface DecpOperateur {
  typeIdentifiant: string;
  id: string;
}

export interface DecpModificationMarche {
  id: number;
  dateNotificationModification: string;
  datePublicationDonneesModification: string;
  dureeMois?: number;
  montant?: number;
  titulaires?: { titulaire: DecpOperateur }[];
}

export interface DecpActeSousTraitance {
  id: number;
  sousTraitant: DecpOperateur;
  dureeMois: number;
  dateNotification: string;
  datePublicationDonnees: string;
  montant: number;
  variationPrix: string;
}

export interface DecpModificationActeSousTraitance {
  id: number;
  dureeMois?: number;
  dateNotificationModificationSousTraitance: string;
  montant?: number;
  datePublicationDonnees: string;
}

export interface DecpMarche {
  id: string;
  acheteur: { id: string };
  nature: string;
  objet: string;
  codeCPV: string;
  techniques: { technique: string[] };
  modalitesExecution: { modaliteExecution: string[] };
  idAccordCadre?: string;
  marcheInnovant: boolean;
  ccag: string;
  offresRecues: number;
  attributionAvance: boolean;
  tauxAvance?: number;
  typeGroupementOperateurs: string;
  sousTraitanceDeclaree: boolean;
  actesSousTraitance?: { acteSousTraitance: DecpActeSousTraitance }[];
  procedure: string;
  lieuExecution: { code: string; typeCode: string };
  dureeMois: number;
  dateNotification: string;
  datePublicationDonnees: string;
  montant: number;
  typesPrix: { typePrix: string[] };
  formePrix: string;
  origineUE?: number;
  origineFrance?: number;
  titulaires: { titulaire: DecpOperateur }[];
  considerationsSociales: { considerationSociale: string[] };
  considerationsEnvironnementales: { considerationEnvironnementale: string[] };
  modificationsActesSousTraitance?: { modificationActeSousTraitance: DecpModificationActeSousTraitance }[];
  modifications?: { modification: DecpModificationMarche }[];
}

export interface DecpModificationConcession {
  id: number;
  dateSignatureModification: string;
  datePublicationDonneesModification: string;
  dureeMois?: number;
  valeurGlobale?: number;
}

export interface DecpDonneesAnnuelles {
  datePublicationDonneesExecution: string;
  depensesInvestissement: number;
  tarifs: { tarif: { intituleTarif: string; tarif: number } }[];
}

export interface DecpContratConcession {
  id: string;
  autoriteConcedante: { id: string };
  nature: string;
  objet: string;
  procedure: string;
  dureeMois: number;
  dateSignature: string;
  datePublicationDonnees: string;
  dateDebutExecution: string;
  valeurGlobale: number;
  montantSubventionPublique: number;
  donneesExecution?: { donneesAnnuelles: DecpDonneesAnnuelles }[];
  concessionnaires: { concessionnaire: DecpOperateur }[];
  considerationsSociales: { considerationSociale: string[] };
  considerationsEnvironnementales: { considerationEnvironnementale: string[] };
  modifications?: { modification: DecpModificationConcession }[];
}

/** A record that passed the schema and the checks beyond it, after its repairs. */
export type DecpRecord =
  | { recordId: string; kind: 'marche'; data: DecpMarche }
  | { recordId: string; kind: 'contrat-concession'; data: DecpContratConcession };
