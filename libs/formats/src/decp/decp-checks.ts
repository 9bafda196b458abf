import { siretIsValid } from '@openactes/domain';
import type { DecpRejection } from './decp-types';
import { isIsoDate } from './decp-values';
import { isPlainObject, pointer } from './repair-record';

export type DecpProblem = Omit<DecpRejection, 'recordId'>;

/** Amounts at or above this are spreadsheet garbage (the aggregators flag values over 11 integer digits). */
export const IMPLAUSIBLE_AMOUNT = 1e11;

/** Publication date keys and the date they cannot precede, in the same object. */
const PUBLISHED_AFTER: readonly (readonly [published: string, event: string])[] = [
  ['datePublicationDonnees', 'dateNotification'],
  ['datePublicationDonnees', 'dateSignature'],
  ['datePublicationDonneesModification', 'dateNotificationModification'],
  ['datePublicationDonneesModification', 'dateSignatureModification'],
  ['datePublicationDonnees', 'dateNotificationModificationSousTraitance'],
];

/** The one date that may lie ahead: a concession is published before its execution starts. */
const MAY_BE_FUTURE = new Set(['dateDebutExecution']);

/**
 * What the JSON Schema cannot say but the format does, checked on a record
 * the schema accepts: SIRETs (buyer and every holder typed SIRET: 14 digits and
 * checksum, La Poste included), plausible dates (from 1900, not after `today`),
 * data published on or after the event it describes, amounts under 1e11,
 * `origineFrance` ≤ `origineUE`, and modification ids unique in a contract.
 */
export function decpRuleProblems(record: unknown, today: string): DecpProblem[] {
  const problems: DecpProblem[] = [];
  visit(record, '', (node, path) => checkNode(node, path, today, problems));
  return problems;
}

function visit(value: unknown, path: string, check: (node: Record<string, unknown>, path: string) => void): void {
  if (Array.isArray(value)) value.forEach((item, index) => visit(item, pointer(path, index), check));
  else if (isPlainObject(value)) {
    check(value, path);
    for (const [key, child] of Object.entries(value)) visit(child, pointer(path, key), check);
  }
}

function checkNode(node: Record<string, unknown>, path: string, today: string, problems: DecpProblem[]): void {
  const problem = (rule: string, key: string, message: string) => problems.push({ rule, path: pointer(path, key), value: node[key], message });

  const isBuyer = path === '/acheteur' || path === '/autoriteConcedante';
  if ((isBuyer || node.typeIdentifiant === 'SIRET') && typeof node.id === 'string' && !siretIsValid(node.id)) {
    problem('invalid-siret', 'id', `"${node.id}" is not a SIRET (14 digits with a valid checksum)`);
  }
  for (const [key, value] of Object.entries(node)) {
    if (!key.startsWith('date') || !isIsoDate(value)) continue;
    if (value < '1900-01-01') problem('date-before-1900', key, `${key} ${value} is before 1900`);
    else if (value > today && !MAY_BE_FUTURE.has(key)) problem('date-in-future', key, `${key} ${value} is after ${today}`);
  }
  for (const [published, event] of PUBLISHED_AFTER) {
    const [at, on] = [node[published], node[event]];
    if (isIsoDate(at) && isIsoDate(on) && at < on) problem('published-before-event', published, `${published} ${at} is before ${event} ${on}`);
  }
  for (const key of ['montant', 'valeurGlobale']) {
    const amount = node[key];
    if (typeof amount === 'number' && amount >= IMPLAUSIBLE_AMOUNT) problem('amount-implausible', key, `${key} ${amount} is not a plausible amount`);
  }
  if (typeof node.origineUE === 'number' && typeof node.origineFrance === 'number' && node.origineFrance > node.origineUE) {
    problem('origine-france-above-ue', 'origineFrance', `origineFrance ${node.origineFrance} exceeds origineUE ${node.origineUE} (French products are EU products)`);
  }
  if (path === '' && Array.isArray(node.modifications)) {
    const seen = new Set<unknown>();
    node.modifications.forEach((item, index) => {
      const id = isPlainObject(item) && isPlainObject(item.modification) ? item.modification.id : undefined;
      if (seen.has(id)) problems.push({ rule: 'duplicate-modification-id', path: `/modifications/${index}/modification/id`, value: id, message: `Modification id ${String(id)} appears twice` });
      seen.add(id);
    });
  }
}
