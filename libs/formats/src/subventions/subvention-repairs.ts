import { siretIsValid } from '@openactes/domain';
import { SCDL_SUBVENTIONS_SCHEMA, type ScdlSubventionsRow, type TableError } from '../table-schema';

/** One change made to a cell, with the rule that allowed it. */
export interface SubventionRepair {
  rule: SubventionRepairRule;
  /** 1-based data row. */
  row: number;
  column: string;
  before: string;
  after: string;
}

export type SubventionRepairRule =
  | 'thousands-space'
  | 'decimal-comma'
  | 'percent-to-share'
  | 'date-to-iso'
  | 'period-separator'
  | 'boolean-case'
  | 'enum-case'
  | 'nature-list-separator'
  | 'siret-float';

const NATURES = SCDL_SUBVENTIONS_SCHEMA.fields.find((f) => f.name === 'nature')!.constraints.enum;
/** The two values the schema's description gives for conditionsVersement (free text is allowed too). */
const CONDITIONS = ['unique', 'échelonné'];
const SPACES = '[ \\u00a0\\u202f]';

/**
 * Repairs the cells of one row (SCDL field names) where only one reading is
 * possible, in place, and says what it did. Anything else is left as it is,
 * for validation to quarantine; a SIRET exported as a float that lost its
 * last digits is reported as such (`siret-digits-lost`), never guessed.
 */
export function repairSubventionRow(record: ScdlSubventionsRow, row: number): { repairs: SubventionRepair[]; problems: TableError[] } {
  const repairs: SubventionRepair[] = [];
  const problems: TableError[] = [];
  const apply = (column: keyof ScdlSubventionsRow, rule: SubventionRepairRule, fix: (value: string) => string | null) => {
    const before = record[column];
    if (before === '') return;
    const after = fix(before);
    if (after === null || after === before) return;
    record[column] = after;
    repairs.push({ rule, row, column, before, after });
  };

  for (const column of ['montant', 'pourcentageSubvention'] as const) {
    apply(column, 'thousands-space', (v) => (new RegExp(`^\\d{1,3}(${SPACES}\\d{3})+(,\\d+)?$`).test(v) ? v.replace(new RegExp(SPACES, 'g'), '') : null));
    // `1,500` could be 1.5 or 1500: left alone.
    apply(column, 'decimal-comma', (v) => (/^[+-]?\d+,\d+$/.test(v) && !/^[+-]?\d{1,3},\d{3}$/.test(v) ? v.replace(',', '.') : null));
  }
  apply('pourcentageSubvention', 'percent-to-share', percentToShare);
  apply('dateConvention', 'date-to-iso', toIsoDate);
  // `AAAA-MM-JJ_AAAA-MM-JJ` (2017 regulatory format): each side's date first, then the separator, only when both sides are dates.
  const sides = record.datesPeriodeVersement.split('_');
  if (sides.length === 2) {
    apply('datesPeriodeVersement', 'date-to-iso', () => sides.map((side) => toIsoDate(side) ?? side).join('_'));
    apply('datesPeriodeVersement', 'period-separator', (v) => (v.split('_').every(isIsoDate) ? v.replace('_', '/') : null));
  } else apply('datesPeriodeVersement', 'date-to-iso', toIsoDate);
  apply('notificationUE', 'boolean-case', (v) => (['oui', 'non'].includes(v.trim().toLowerCase()) ? v.trim().toLowerCase() : null));
  apply('nature', 'nature-list-separator', (v) => {
    const joined = v.split(/\s*,\s*/).join(';');
    return v.includes(',') && matchOne(NATURES, joined) ? joined : null;
  });
  apply('nature', 'enum-case', (v) => matchOne(NATURES, v));
  apply('conditionsVersement', 'enum-case', (v) => matchOne(CONDITIONS, v));
  for (const column of ['idAttribuant', 'idBeneficiaire'] as const) {
    const float = /^(\d{9,14})\.0+$/.exec(record[column]);
    if (!float) continue;
    // A number cut to fewer significant digits ends in zeros: only a value whose last digit is not 0 surely kept them all.
    if (float[1].length === 14 && !float[1].endsWith('0') && siretIsValid(float[1])) apply(column, 'siret-float', () => float[1]);
    else problems.push({ row, column, code: 'siret-digits-lost', message: `"${record[column]}" is a SIRET exported as a number that may have lost its last digits` });
  }
  return { repairs, problems };
}

/** `80` → `0.80`: a share written as a percentage (above 1, at most 100), shifted exactly in decimal. */
function percentToShare(value: string): string | null {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(value);
  if (!m || Number(value) <= 1 || Number(value) > 100) return null;
  const digits = m[1].padStart(3, '0');
  return `${digits.slice(0, -2).replace(/^0+(?=\d)/, '')}.${digits.slice(-2)}${m[2] ?? ''}`;
}

/** `2018/01/30` (year first) and `30/01/2018` (French day first) to `2018-01-30`, when the date exists. */
function toIsoDate(value: string): string | null {
  const ymd = /^(\d{4})\/(\d{2})\/(\d{2})$/.exec(value);
  const dmy = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  const iso = ymd ? `${ymd[1]}-${ymd[2]}-${ymd[3]}` : dmy ? `${dmy[3]}-${dmy[2]}-${dmy[1]}` : null;
  return iso && isIsoDate(iso) ? iso : null;
}

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The canonical value equal to this one but for case (and surrounding spaces). */
function matchOne(values: readonly string[], value: string): string | null {
  const folded = value.normalize('NFC').trim().toLowerCase();
  return values.find((v) => v === folded) ?? null;
}
