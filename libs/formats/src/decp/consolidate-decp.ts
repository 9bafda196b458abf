import { recordSchema } from './decp-schema';
import type { DecpContratConcession, DecpKind, DecpMarche, DecpOperateur, DecpRecord } from './decp-types';
import { inSchemaOrder, isPlainObject } from './repair-record';

/** A contract at one point of its life: as notified (modification 0), then after each modification. */
export interface DecpContractState {
  /** 0 for the initial data, else the modification's id. */
  modificationId: number;
  /** Notification (marché) or signature (concession) of the contract, or of the modification. */
  date: string;
  /** When these data were published. */
  datePublication: string;
  dureeMois: number;
  /** `montant` of a marché, `valeurGlobale` of a concession. */
  amount: number;
  /** Titulaires of a marché, concessionnaires of a concession. */
  holders: DecpOperateur[];
}

interface ContractCommon {
  /** Buyer (or autorité concédante) SIRET followed by the contract id, as the aggregators build it. */
  uid: string;
  buyer: string;
  id: string;
  /** The source records merged into this contract, oldest publication first. */
  recordIds: string[];
  /** The initial state, then one per modification in order; the last is the current state. */
  states: DecpContractState[];
  current: DecpContractState;
}

/** One contract after deduplication: the DECP record to publish (every modification known) and its states. */
export type DecpContract = ContractCommon & ({ kind: 'marche'; data: DecpMarche } | { kind: 'contrat-concession'; data: DecpContratConcession });

export interface DecpMerge {
  uid: string;
  kind: DecpKind;
  recordIds: string[];
}

export interface DecpConsolidation {
  /** Contracts sorted by uid. */
  marches: DecpContract[];
  /** The groups of records that were one contract. */
  merged: DecpMerge[];
}

/**
 * One contract per (kind, buyer SIRET, contract id). DECP data are append-only
 * (a contract is republished with more modifications, never edited), so the
 * versions are ordered by their latest publication date: the latest gives the
 * initial fields, and modifications, sub-contracting acts and yearly execution
 * data are the union over all versions (the latest wins for the same id).
 * Modifications then apply in id order (ids are sequential in notification
 * order), each replacing the duration, amount and holders it states.
 */
export function consolidateDecp(records: readonly DecpRecord[]): DecpConsolidation {
  const groups = new Map<string, DecpRecord[]>();
  for (const record of records) {
    const key = JSON.stringify([record.kind, buyerOf(record), record.data.id]);
    groups.set(key, [...(groups.get(key) ?? []), record]);
  }
  const marches = [...groups.values()].map(mergeVersions).sort((a, b) => compare(a.uid, b.uid) || compare(a.kind, b.kind));
  const merged = marches.filter((contract) => contract.recordIds.length > 1).map(({ uid, kind, recordIds }) => ({ uid, kind, recordIds }));
  return { marches, merged };
}

function buyerOf(record: DecpRecord): string {
  return record.kind === 'marche' ? record.data.acheteur.id : record.data.autoriteConcedante.id;
}

function mergeVersions(versions: DecpRecord[]): DecpContract {
  const ordered = versions
    .map((record, position) => ({ record, position, published: latestPublication(record.data) }))
    .sort((a, b) => compare(a.published, b.published) || a.position - b.position)
    .map(({ record }) => record);
  const latest = ordered[ordered.length - 1];
  const buyer = buyerOf(latest);
  const common = { uid: `${buyer}${latest.data.id}`, buyer, id: latest.data.id, recordIds: ordered.map((record) => record.recordId) };
  if (latest.kind === 'marche') {
    const all = ordered.map((record) => record.data as DecpMarche);
    const data = inSchemaOrder(
      {
        ...latest.data,
        actesSousTraitance: union(all.map((m) => m.actesSousTraitance), (a) => String(a.acteSousTraitance.id), (a) => [a.acteSousTraitance.id]),
        modificationsActesSousTraitance: union(
          all.map((m) => m.modificationsActesSousTraitance),
          ({ modificationActeSousTraitance: m }) => `${m.id} ${m.dateNotificationModificationSousTraitance}`,
          ({ modificationActeSousTraitance: m }) => [m.dateNotificationModificationSousTraitance, m.id],
        ),
        modifications: union(all.map((m) => m.modifications), (m) => String(m.modification.id), ({ modification: m }) => [m.id, m.dateNotificationModification]),
      },
      recordSchema('marche'),
    );
    return withStates({ ...common, kind: 'marche', data }, marcheStates(data));
  }
  const all = ordered.map((record) => record.data as DecpContratConcession);
  const data = inSchemaOrder(
    {
      ...latest.data,
      donneesExecution: union(
        all.map((c) => c.donneesExecution),
        (d) => d.donneesAnnuelles.datePublicationDonneesExecution,
        (d) => [d.donneesAnnuelles.datePublicationDonneesExecution],
      ),
      modifications: union(all.map((c) => c.modifications), (m) => String(m.modification.id), ({ modification: m }) => [m.id, m.dateSignatureModification]),
    },
    recordSchema('contrat-concession'),
  );
  return withStates({ ...common, kind: 'contrat-concession', data }, concessionStates(data));
}

function withStates<T extends object>(contract: T, states: DecpContractState[]): T & { states: DecpContractState[]; current: DecpContractState } {
  return { ...contract, states, current: states[states.length - 1] };
}

function marcheStates(data: DecpMarche): DecpContractState[] {
  const states: DecpContractState[] = [
    {
      modificationId: 0,
      date: data.dateNotification,
      datePublication: data.datePublicationDonnees,
      dureeMois: data.dureeMois,
      amount: data.montant,
      holders: data.titulaires.map((t) => t.titulaire),
    },
  ];
  for (const { modification: m } of data.modifications ?? []) {
    const previous = states[states.length - 1];
    states.push({
      modificationId: m.id,
      date: m.dateNotificationModification,
      datePublication: m.datePublicationDonneesModification,
      dureeMois: m.dureeMois ?? previous.dureeMois,
      amount: m.montant ?? previous.amount,
      holders: m.titulaires?.map((t) => t.titulaire) ?? previous.holders,
    });
  }
  return states;
}

function concessionStates(data: DecpContratConcession): DecpContractState[] {
  const holders = data.concessionnaires.map((c) => c.concessionnaire);
  const states: DecpContractState[] = [
    { modificationId: 0, date: data.dateSignature, datePublication: data.datePublicationDonnees, dureeMois: data.dureeMois, amount: data.valeurGlobale, holders },
  ];
  for (const { modification: m } of data.modifications ?? []) {
    const previous = states[states.length - 1];
    states.push({
      modificationId: m.id,
      date: m.dateSignatureModification,
      datePublication: m.datePublicationDonneesModification,
      dureeMois: m.dureeMois ?? previous.dureeMois,
      amount: m.valeurGlobale ?? previous.amount,
      holders,
    });
  }
  return states;
}

/** Items of every version, one per key (the latest version's), sorted; undefined when there are none (the lists have minItems 1). */
function union<T>(lists: readonly (readonly T[] | undefined)[], keyOf: (item: T) => string, sortKey: (item: T) => (string | number)[]): T[] | undefined {
  const byKey = new Map<string, T>();
  for (const item of lists.flatMap((list) => list ?? [])) byKey.set(keyOf(item), item);
  const items = [...byKey.values()].sort((a, b) => compareKeys(sortKey(a), sortKey(b)));
  return items.length > 0 ? items : undefined;
}

/** The latest of the record's publication dates (initial data, modifications, sub-contracting, execution data). */
function latestPublication(data: unknown): string {
  let latest = '';
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isPlainObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        if (key.startsWith('datePublication') && typeof child === 'string' && child > latest) latest = child;
        else visit(child);
      }
    }
  };
  visit(data);
  return latest;
}

function compareKeys(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = typeof a[i] === 'number' && typeof b[i] === 'number' ? (a[i] as number) - (b[i] as number) : compare(String(a[i]), String(b[i]));
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
