import { siretIsValid } from '@openactes/domain';
import type { ScdlSubventionsRow } from '../table-schema';
import type { TotemDocument } from './totem-document';

/** What replaces the name of a beneficiary who may be a natural person (CRPA L311-7, GDPR). */
export const NATURAL_PERSON_PLACEHOLDER = '[Personne physique]';

/**
 * Whether a `CONCOURS` beneficiary with this `CodNatJurBenefCA` must be treated
 * as a natural person: P3 (personne physique), and also no code at all, because
 * CFU files omit the code and mix persons with associations.
 */
export function isNaturalPerson(legalNature: string | undefined): boolean {
  const code = legalNature?.trim().toUpperCase() ?? '';
  return code === '' || code === 'P3';
}

export interface ScdlSubventionsConversion {
  rows: ScdlSubventionsRow[];
  warnings: string[];
}

/**
 * SCDL subventions 2.1.1 rows from the `CONCOURS` annex, one per line (each
 * line is one beneficiary, so its share is 1). The annex does not carry the
 * agreement date, decision reference, RNA number, payment terms and dates,
 * EU notification, RAE or aid scheme: those cells stay empty, to be completed
 * from the deliberation or the agreement before the rows can pass the schema.
 */
export function totemToScdlSubventions(doc: TotemDocument): ScdlSubventionsConversion {
  const warnings: string[] = [];
  const rows = doc.concours.map((line): ScdlSubventionsRow => {
    const person = isNaturalPerson(line.legalNature);
    let idBeneficiaire = '';
    if (line.siret && !person) {
      if (siretIsValid(line.siret)) idBeneficiaire = line.siret;
      else warnings.push(`CONCOURS ${line.position}: SIRET "${line.siret}" is not valid, left out`);
    }
    return {
      nomAttribuant: doc.collectivity.name,
      idAttribuant: doc.budget.siret ?? doc.collectivity.siret ?? '',
      dateConvention: '',
      referenceDecision: '',
      nomBeneficiaire: person ? NATURAL_PERSON_PLACEHOLDER : (line.beneficiary ?? ''),
      idBeneficiaire,
      rnaBeneficiaire: '',
      objet: line.object ?? '',
      montant: line.amount ?? '',
      nature: aidNature(line.amount, line.inKindLabel, line.object),
      conditionsVersement: '',
      datesPeriodeVersement: '',
      idRAE: '',
      notificationUE: '',
      pourcentageSubvention: '1',
      dispositifAide: '',
    };
  });
  return { rows, warnings };
}

/**
 * In cash when an amount is granted, in kind when `LibPrestaNat` describes a
 * service; a `LibPrestaNat` that merely repeats the object (as some software
 * fills it on every line) does not make the aid in kind.
 */
function aidNature(amount: string | undefined, inKindLabel: string | undefined, object: string | undefined): string {
  const inCash = Number(amount ?? 0) > 0;
  const inKind = inKindLabel !== undefined && inKindLabel.toLowerCase() !== object?.toLowerCase();
  if (inKind && inCash) return 'aide en numéraire;aide en nature';
  return inKind ? 'aide en nature' : 'aide en numéraire';
}
