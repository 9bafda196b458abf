import { CodedError } from '@openactes/domain';
import { toCsv } from '../csv';
import { fieldNames, validateTable } from '../table-schema';
import type { DecpContract, DecpContractState } from './consolidate-decp';
import { DECP_CSV_SCHEMA } from './decp-csv-schema';
import { decpDocumentErrors } from './decp-schema';

/**
 * The DECP 2.0.3 JSON document of these contracts (`{"marches": {"marche":
 * […], "contrat-concession": […]}}`), validated against our schema before it
 * exists. A failure is a bug of ours, never of the input.
 */
export function decpToJson(marches: readonly DecpContract[]): string {
  const marche = marches.flatMap((contract) => (contract.kind === 'marche' ? [contract.data] : []));
  const concessions = marches.flatMap((contract) => (contract.kind === 'contrat-concession' ? [contract.data] : []));
  // 2.0.3 wants at least one of the two lists: an empty output is an empty list of marchés.
  const document = {
    marches: {
      ...(marche.length > 0 || concessions.length === 0 ? { marche } : {}),
      ...(concessions.length > 0 ? { 'contrat-concession': concessions } : {}),
    },
  };
  const errors = decpDocumentErrors(document);
  if (errors.length > 0) throw new CodedError('INTERNAL_ERROR', 'DECP output does not match the DECP 2.0.3 schema', { errors: errors.slice(0, 20) });
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * The flat table of `DECP_CSV_SCHEMA` (one row per contract × holder × state),
 * validated with the project's Table Schema validator before it exists.
 */
export function decpToCsv(marches: readonly DecpContract[]): string {
  const header = fieldNames(DECP_CSV_SCHEMA);
  const rows = marches.flatMap(contractRows).map((row) => header.map((name) => row[name] ?? ''));
  const report = validateTable(DECP_CSV_SCHEMA, header, rows);
  if (!report.valid) throw new CodedError('INTERNAL_ERROR', 'DECP CSV does not match its Table Schema', { errors: report.errors.slice(0, 20) });
  return toCsv(header, rows);
}

type Row = Partial<Record<string, string>>;

function contractRows(contract: DecpContract): Row[] {
  const common = { uid: contract.uid, categorie: contract.kind, id: contract.id, acheteur_id: contract.buyer, ...contractCells(contract) };
  return contract.states.flatMap((state, index) => {
    const current = index === contract.states.length - 1;
    return state.holders.map((holder) => ({
      ...common,
      ...stateCells(contract, state),
      titulaire_typeIdentifiant: holder.typeIdentifiant,
      titulaire_id: holder.id,
      donneesActuelles: String(current),
    }));
  });
}

function contractCells(contract: DecpContract): Row {
  if (contract.kind === 'contrat-concession') {
    const c = contract.data;
    return {
      nature: c.nature,
      objet: c.objet,
      procedure: c.procedure,
      considerationsSociales: c.considerationsSociales.considerationSociale.join(';'),
      considerationsEnvironnementales: c.considerationsEnvironnementales.considerationEnvironnementale.join(';'),
      dateSignature: c.dateSignature,
      dateDebutExecution: c.dateDebutExecution,
      datePublicationDonnees: c.datePublicationDonnees,
      montantSubventionPublique: String(c.montantSubventionPublique),
    };
  }
  const m = contract.data;
  return {
    nature: m.nature,
    objet: m.objet,
    codeCPV: m.codeCPV,
    procedure: m.procedure,
    techniques: m.techniques.technique.join(';'),
    modalitesExecution: m.modalitesExecution.modaliteExecution.join(';'),
    idAccordCadre: m.idAccordCadre,
    marcheInnovant: String(m.marcheInnovant),
    ccag: m.ccag,
    offresRecues: String(m.offresRecues),
    attributionAvance: String(m.attributionAvance),
    tauxAvance: optional(m.tauxAvance),
    typeGroupementOperateurs: m.typeGroupementOperateurs,
    sousTraitanceDeclaree: String(m.sousTraitanceDeclaree),
    lieuExecution_code: m.lieuExecution.code,
    lieuExecution_typeCode: m.lieuExecution.typeCode,
    formePrix: m.formePrix,
    typesPrix: m.typesPrix.typePrix.join(';'),
    origineUE: optional(m.origineUE),
    origineFrance: optional(m.origineFrance),
    considerationsSociales: m.considerationsSociales.considerationSociale.join(';'),
    considerationsEnvironnementales: m.considerationsEnvironnementales.considerationEnvironnementale.join(';'),
    dateNotification: m.dateNotification,
    datePublicationDonnees: m.datePublicationDonnees,
  };
}

function stateCells(contract: DecpContract, state: DecpContractState): Row {
  const modified = state.modificationId > 0;
  return {
    modification_id: String(state.modificationId),
    modification_date: modified ? state.date : undefined,
    modification_datePublicationDonnees: modified ? state.datePublication : undefined,
    dureeMois: String(state.dureeMois),
    [contract.kind === 'marche' ? 'montant' : 'valeurGlobale']: String(state.amount),
  };
}

function optional(value: number | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}
