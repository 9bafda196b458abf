import { ACTES_MATIERES, siretIsValid } from '@openactes/domain';
import { isBareNumber } from './field-value';
import type { CustomCheck } from './table-schema';

/** A row's cell by column name: '' when empty (or a missing value), undefined when the column is absent. */
export type RowCells = (column: string) => string | undefined;

export interface CheckProblem {
  column: string;
  code: string;
  message: string;
}

export type RowCheck = (cells: RowCells) => CheckProblem[];

type CheckFactory = (params: Readonly<Record<string, unknown>>) => RowCheck;

/**
 * Validata's SCDL checks, under their old and new names. Every check skips empty
 * cells and absent columns, except `one-of-required`, which is about emptiness.
 */
const CHECKS: Record<string, CheckFactory> = {
  'french-siret-value': siretCheck,
  siret: siretCheck,
  'nomenclature-actes-value': nomenclatureActesCheck,
  'nomenclature-acte': nomenclatureActesCheck,
  'year-interval-value': yearIntervalCheck,
  'cohesive-columns-value': cohesiveColumnsCheck,
  'compare-columns-value': compareColumnsCheck,
  'sum-columns-value': sumColumnsCheck,
  'one-of-required': oneOfRequiredCheck,
};

export function compileCustomCheck(check: CustomCheck): RowCheck {
  const factory = CHECKS[check.name];
  if (!factory) throw new RangeError(`Unsupported custom check "${check.name}"`);
  return factory(check.params);
}

function siretCheck(params: Readonly<Record<string, unknown>>): RowCheck {
  const column = stringParam(params, 'column');
  return (cells) => {
    const value = cells(column);
    return value && !siretIsValid(value) ? [{ column, code: 'siret', message: `"${value}" is not a valid SIRET` }] : [];
  };
}

const LEVEL1_LABELS = new Set(Object.values(ACTES_MATIERES).map((m) => foldCase(m.label)));

/** The part before `/` is an ACTES level-1 label (case and accents ignored), with no space around the `/`. */
function nomenclatureActesCheck(params: Readonly<Record<string, unknown>>): RowCheck {
  const column = stringParam(params, 'column');
  return (cells) => {
    const value = cells(column);
    if (!value) return [];
    const slash = value.indexOf('/');
    let problem: string | undefined;
    if (slash < 0) problem = 'no "/" between the two levels';
    else if (value.includes(' /') || value.includes('/ ')) problem = 'a space touches "/"';
    else if (!LEVEL1_LABELS.has(foldCase(value.slice(0, slash)))) problem = `"${value.slice(0, slash)}" is not an ACTES level-1 matière`;
    return problem ? [{ column, code: 'nomenclature-acte', message: problem }] : [];
  };
}

function yearIntervalCheck(params: Readonly<Record<string, unknown>>): RowCheck {
  const column = stringParam(params, 'column');
  const yearOnly = params['allow-year-only'] === 'yes' || params['allow-year-only'] === true;
  return (cells) => {
    const value = cells(column);
    if (!value) return [];
    const m = /^(\d{4})(?:\/(\d{4}))?$/.exec(value);
    const ok = m !== null && (m[2] === undefined ? yearOnly : Number(m[2]) > Number(m[1]));
    return ok ? [] : [{ column, code: 'year-interval', message: `"${value}" is not ${yearOnly ? 'a year or ' : ''}an interval YYYY/YYYY with an increasing second year` }];
  };
}

/** The column and the other columns are all filled or all empty (absent ones are left out). */
function cohesiveColumnsCheck(params: Readonly<Record<string, unknown>>): RowCheck {
  const column = stringParam(params, 'column');
  const group = [column, ...stringListParam(params, 'othercolumns')];
  return (cells) => {
    const present = group.filter((name) => cells(name) !== undefined);
    const filled = present.filter((name) => cells(name) !== '');
    if (filled.length === 0 || filled.length === present.length) return [];
    const empty = present.filter((name) => cells(name) === '');
    return [{ column, code: 'cohesive-columns', message: `${present.join(', ')} must be all filled or all empty; ${empty.join(', ')} empty` }];
  };
}

const COMPARATORS: Record<string, (a: number | string, b: number | string) => boolean> = {
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

/** Numbers compare as numbers, anything else (ISO dates) as strings. */
function compareColumnsCheck(params: Readonly<Record<string, unknown>>): RowCheck {
  const column = stringParam(params, 'column');
  const column2 = stringParam(params, 'column2');
  const op = stringParam(params, 'op');
  const holds = COMPARATORS[op];
  if (!holds) throw new RangeError(`Unsupported comparison "${op}"`);
  return (cells) => {
    const [a, b] = [cells(column), cells(column2)];
    if (!a || !b) return [];
    const bothNumbers = isBareNumber(a) && isBareNumber(b);
    const ok = bothNumbers ? holds(Number(a), Number(b)) : holds(a, b);
    return ok ? [] : [{ column, code: 'compare-columns', message: `${column} (${a}) ${op} ${column2} (${b}) does not hold` }];
  };
}

function sumColumnsCheck(params: Readonly<Record<string, unknown>>): RowCheck {
  const column = stringParam(params, 'column');
  const columns = stringListParam(params, 'columns');
  return (cells) => {
    const values = [column, ...columns].map(cells);
    if (!values.every((v): v is string => v !== undefined && isBareNumber(v))) return [];
    const sum = values.slice(1).reduce((total, v) => total + Number(v), 0);
    if (Math.abs(Number(values[0]) - sum) <= 1e-9 * Math.max(1, Math.abs(sum))) return [];
    return [{ column, code: 'sum-columns', message: `${column} (${values[0]}) is not ${columns.join(' + ')} (${sum})` }];
  };
}

function oneOfRequiredCheck(params: Readonly<Record<string, unknown>>): RowCheck {
  const column1 = stringParam(params, 'column1');
  const column2 = stringParam(params, 'column2');
  return (cells) =>
    cells(column1) || cells(column2) ? [] : [{ column: column1, code: 'one-of-required', message: `${column1} or ${column2} is required` }];
}

function foldCase(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

function stringParam(params: Readonly<Record<string, unknown>>, name: string): string {
  const value = params[name];
  if (typeof value !== 'string') throw new RangeError(`Custom check parameter "${name}" must be a string`);
  return value;
}

function stringListParam(params: Readonly<Record<string, unknown>>, name: string): string[] {
  const value = params[name];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new RangeError(`Custom check parameter "${name}" must be a list of column names`);
  }
  return value as string[];
}
