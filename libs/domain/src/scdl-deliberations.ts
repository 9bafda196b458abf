import { classificationCode, deliberationMatiereName } from './actes-nomenclature';
import { siretIsValid } from './siret';

/** SCDL délibérations 2.1.5 columns, in schema order. */
export const SCDL_DELIBERATIONS_FIELDS = [
  'COLL_NOM',
  'COLL_SIRET',
  'DELIB_ID',
  'DELIB_DATE',
  'DELIB_MATIERE_CODE',
  'DELIB_MATIERE_NOM',
  'DELIB_OBJET',
  'BUDGET_ANNEE',
  'BUDGET_NOM',
  'PREF_ID',
  'PREF_DATE',
  'VOTE_EFFECTIF',
  'VOTE_REEL',
  'VOTE_POUR',
  'VOTE_CONTRE',
  'VOTE_ABSTENTION',
  'DELIB_URL',
] as const;

export type ScdlDeliberationField = (typeof SCDL_DELIBERATIONS_FIELDS)[number];
export type ScdlDeliberationRow = Record<ScdlDeliberationField, string>;

export interface DeliberationVotes {
  effectif: number;
  reel: number;
  pour: number;
  contre: number;
  abstention: number;
}

export interface DeliberationInput {
  collectivityName: string;
  collectivitySiret: string | null;
  numeroInterne: string;
  /** YYYY-MM-DD */
  decisionDate: string;
  /** ACTES CodeMatiere1..5; only the first two are published */
  matieres: number[];
  objet: string;
  prefectureId?: string | null;
  prefectureDate?: string | null;
  votes?: DeliberationVotes | null;
  budget?: { annee: string; nom: string } | null;
  documentUrl?: string | null;
}

const PREF_ID = /^(?:PREF\d{2}[\dAB]|SPREF\d{2}[\dAB]\d|SGAR\d{2}[\dAB])$/;
const BUDGET_ANNEE = /^(\d{4})(?:\/(\d{4}))?$/;

export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

export function normaliseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function votesProblem(v: DeliberationVotes): string | undefined {
  const counts = [v.effectif, v.reel, v.pour, v.contre, v.abstention];
  if (!counts.every((n) => Number.isInteger(n) && n >= 0)) return 'counts must be non-negative integers';
  if (v.reel !== v.pour + v.contre + v.abstention) {
    return `reel ${v.reel} is not pour + contre + abstention (${v.pour + v.contre + v.abstention})`;
  }
  if (v.effectif < v.reel) return `effectif ${v.effectif} is below reel ${v.reel}`;
  return undefined;
}

/**
 * Sets PREF_ID and PREF_DATE (the acknowledging service and the legal date of
 * transmission) under the schema's rules; returns what had to be left out.
 */
export function setPrefectureFields(
  row: ScdlDeliberationRow,
  prefecture: { prefectureId?: string | null; prefectureDate?: string | null },
): string[] {
  const warnings: string[] = [];
  if (prefecture.prefectureId) {
    if (PREF_ID.test(prefecture.prefectureId)) row.PREF_ID = prefecture.prefectureId;
    else warnings.push(`PREF_ID: invalid ${prefecture.prefectureId}`);
  }
  if (prefecture.prefectureDate) {
    if (!isIsoDate(prefecture.prefectureDate)) warnings.push(`PREF_DATE: invalid date ${prefecture.prefectureDate}`);
    else if (row.DELIB_DATE && prefecture.prefectureDate < row.DELIB_DATE) {
      warnings.push(`PREF_DATE: ${prefecture.prefectureDate} is before DELIB_DATE ${row.DELIB_DATE}, left out`);
    } else row.PREF_DATE = prefecture.prefectureDate;
  }
  return warnings;
}

/**
 * One SCDL délibérations row. Unknown or incoherent values become empty cells
 * (the schema's missing value) and are reported in `warnings`, so the row never
 * fails the SCDL cross-column checks.
 */
export function buildDeliberationRow(input: DeliberationInput): { row: ScdlDeliberationRow; warnings: string[] } {
  const warnings: string[] = [];
  const row = Object.fromEntries(SCDL_DELIBERATIONS_FIELDS.map((f) => [f, ''])) as ScdlDeliberationRow;

  row.COLL_NOM = normaliseWhitespace(input.collectivityName);
  if (!row.COLL_NOM) warnings.push('COLL_NOM: missing');

  const siret = input.collectivitySiret?.replace(/\s/g, '') ?? '';
  if (siretIsValid(siret)) row.COLL_SIRET = siret;
  else warnings.push(siret ? `COLL_SIRET: invalid ${siret}` : 'COLL_SIRET: missing');

  row.DELIB_ID = input.numeroInterne.trim();
  if (!row.DELIB_ID) warnings.push('DELIB_ID: missing');

  if (isIsoDate(input.decisionDate)) row.DELIB_DATE = input.decisionDate;
  else warnings.push(`DELIB_DATE: invalid date ${JSON.stringify(input.decisionDate)}`);

  const code = input.matieres.length >= 2 ? classificationCode(input.matieres) : undefined;
  const matiereName = code && deliberationMatiereName(code);
  if (code && matiereName) {
    row.DELIB_MATIERE_CODE = code;
    row.DELIB_MATIERE_NOM = matiereName;
  } else warnings.push(`DELIB_MATIERE_CODE: unknown classification [${input.matieres.join(', ')}]`);

  row.DELIB_OBJET = normaliseWhitespace(input.objet);
  if (!row.DELIB_OBJET) warnings.push('DELIB_OBJET: missing');

  if (input.budget) {
    const annee = input.budget.annee.trim();
    const nom = normaliseWhitespace(input.budget.nom);
    const years = BUDGET_ANNEE.exec(annee);
    if (years && nom && (!years[2] || Number(years[2]) > Number(years[1]))) {
      row.BUDGET_ANNEE = annee;
      row.BUDGET_NOM = nom;
    } else warnings.push(`BUDGET_ANNEE: budget ${JSON.stringify(input.budget)} left out`);
  }

  warnings.push(...setPrefectureFields(row, input));

  if (input.votes) {
    const problem = votesProblem(input.votes);
    if (problem) warnings.push(`VOTE_*: ${problem}, votes left out`);
    else {
      const v = input.votes;
      row.VOTE_EFFECTIF = String(v.effectif);
      row.VOTE_REEL = String(v.reel);
      row.VOTE_POUR = String(v.pour);
      row.VOTE_CONTRE = String(v.contre);
      row.VOTE_ABSTENTION = String(v.abstention);
    }
  }

  if (input.documentUrl) {
    if (URL.canParse(input.documentUrl) && /^https?:$/.test(new URL(input.documentUrl).protocol)) {
      row.DELIB_URL = input.documentUrl;
    } else warnings.push(`DELIB_URL: not an absolute http(s) URL ${input.documentUrl}`);
  }

  return { row, warnings };
}
