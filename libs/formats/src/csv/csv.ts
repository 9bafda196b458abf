import { CodedError } from '@openactes/domain';

export type CsvValue = string | number | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;

function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One RFC 4180 record, CRLF-terminated. */
export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

/** A whole CSV file: header line then one line per row (arrays in header order, or records keyed by header). */
export function toCsv(
  header: readonly string[],
  rows: Iterable<readonly CsvValue[] | Readonly<Record<string, CsvValue>>>,
): string {
  let out = csvLine(header);
  for (const row of rows) {
    const values = isArray(row) ? row : header.map((name) => row[name]);
    if (values.length !== header.length) {
      throw new RangeError(`Row has ${values.length} cells, header has ${header.length}`);
    }
    out += csvLine(values);
  }
  return out;
}

function isArray(row: unknown): row is readonly CsvValue[] {
  return Array.isArray(row);
}

/** Parses RFC 4180 CSV (quoted fields, embedded newlines, CRLF or LF, optional BOM). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') field += text[++i];
      else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n') endRow();
    else if (ch === '\r' && text[i + 1] === '\n') {
      endRow();
      i++;
    } else field += ch;
  }
  // Whoever sent the text gets a 400, not a crash.
  if (quoted) throw new CodedError('VALIDATION_FAILED', 'Unterminated quoted field in the CSV', { reason: 'unterminated-quote' });
  if (field !== '' || row.length) endRow();
  return rows;
}
