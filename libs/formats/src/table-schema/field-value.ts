import type { TableField } from './table-schema';

export interface CellProblem {
  code: string;
  message: string;
}

type Value = string | number | boolean;

const DEFAULT_TRUE = ['true', 'True', 'TRUE', '1'];
const DEFAULT_FALSE = ['false', 'False', 'FALSE', '0'];
const STRING_FORMATS: Record<string, RegExp> = {
  email: /^[^@\s]+@[^@\s]+\.[^@\s]+$/,
  uri: /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
};

/** A Table Schema number without group or currency characters: `-12`, `3.50`, `1e3`. */
export function isBareNumber(text: string): boolean {
  return /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(text);
}

/**
 * Problems of one non-empty cell: its type (and format), then the field's
 * constraints other than `required` and `unique`, which need the whole table.
 * Returns at most the type problem when the value cannot be read as its type.
 */
export function fieldValueProblems(field: TableField, raw: string): CellProblem[] {
  const cast = castValue(field, raw);
  if (typeof cast === 'object') return [cast];
  const problems: CellProblem[] = [];
  const c = field.constraints ?? {};
  if (c.pattern !== undefined && !anchored(c.pattern).test(raw)) {
    problems.push({ code: 'pattern', message: `"${raw}" does not match ${c.pattern}` });
  }
  if (c.enum !== undefined && !c.enum.some((allowed) => sameValue(allowed, cast))) {
    problems.push({ code: 'enum', message: `"${raw}" is not one of ${c.enum.map((v) => `"${String(v)}"`).join(', ')}` });
  }
  if (c.minimum !== undefined && compare(cast, boundOf(field, c.minimum)) < 0) {
    problems.push({ code: 'minimum', message: `${raw} is below the minimum ${c.minimum}` });
  }
  if (c.maximum !== undefined && compare(cast, boundOf(field, c.maximum)) > 0) {
    problems.push({ code: 'maximum', message: `${raw} is above the maximum ${c.maximum}` });
  }
  const length = [...raw].length;
  if (c.minLength !== undefined && length < c.minLength) {
    problems.push({ code: 'min-length', message: `${length} characters, at least ${c.minLength} expected` });
  }
  if (c.maxLength !== undefined && length > c.maxLength) {
    problems.push({ code: 'max-length', message: `${length} characters, at most ${c.maxLength} allowed` });
  }
  return problems;
}

/** The logical value, or the type/format problem. */
function castValue(field: TableField, raw: string): Value | CellProblem {
  const typeProblem = { code: 'type', message: `"${raw}" is not a valid ${field.type}${field.format ? ` (${field.format})` : ''}` };
  switch (field.type) {
    case 'any':
      return raw;
    case 'string': {
      const format = field.format === undefined ? undefined : STRING_FORMATS[field.format];
      if (format && !format.test(raw)) return { code: 'format', message: `"${raw}" is not a valid ${field.format}` };
      return raw;
    }
    case 'integer':
      return /^[+-]?\d+$/.test(raw) ? Number(raw) : typeProblem;
    case 'year':
      return /^\d{4}$/.test(raw) ? Number(raw) : typeProblem;
    case 'number': {
      let text = raw;
      if (field.groupChar) text = text.split(field.groupChar).join('');
      if (field.decimalChar && field.decimalChar !== '.') text = text.replace(field.decimalChar, '.');
      if (text === 'NaN') return NaN;
      if (text === 'INF' || text === '-INF') return text === 'INF' ? Infinity : -Infinity;
      return isBareNumber(text) ? Number(text) : typeProblem;
    }
    case 'boolean':
      if ((field.trueValues ?? DEFAULT_TRUE).includes(raw)) return true;
      if ((field.falseValues ?? DEFAULT_FALSE).includes(raw)) return false;
      return typeProblem;
    case 'date':
      return parseDate(raw, field.format) ?? typeProblem;
    default:
      throw new RangeError(`Unsupported Table Schema type "${String(field.type)}" for field ${field.name}`);
  }
}

/** ISO `YYYY-MM-DD` of a date in the field's format, or undefined when it is not a real date in that format. */
function parseDate(raw: string, format: string | undefined): string | undefined {
  if (format === undefined || format === 'default') return isoDate(raw);
  if (format === 'any') return isoDate(raw) ?? parseDate(raw, '%d/%m/%Y');
  let source = '';
  for (let i = 0; i < format.length; i++) {
    const directive = format[i] === '%' ? format[++i] : undefined;
    if (directive === 'Y') source += '(?<Y>\\d{4})';
    else if (directive === 'y') source += '(?<y>\\d{2})';
    else if (directive === 'm' || directive === 'd') source += `(?<${directive}>\\d{1,2})`;
    else source += (directive ?? format[i]).replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  }
  const { Y, y, m, d } = new RegExp(`^${source}$`).exec(raw)?.groups ?? {};
  const year = Y ?? (y === undefined ? undefined : `${Number(y) < 69 ? 20 : 19}${y}`); // strptime's pivot
  if (year === undefined || m === undefined || d === undefined) return undefined;
  return isoDate(`${year}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);
}

function isoDate(raw: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (!m) return undefined;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === raw ? raw : undefined;
}

const compiledPatterns = new Map<string, RegExp>();

/** Table Schema patterns match the whole value. */
function anchored(pattern: string): RegExp {
  let regexp = compiledPatterns.get(pattern);
  if (!regexp) compiledPatterns.set(pattern, (regexp = new RegExp(`^(?:${pattern})$`)));
  return regexp;
}

function sameValue(allowed: Value, cast: Value): boolean {
  return typeof cast === 'number' ? Number(allowed) === cast : allowed === cast;
}

function boundOf(field: TableField, bound: number | string): Value {
  if (field.type === 'date') return String(bound);
  return Number(bound);
}

function compare(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}
