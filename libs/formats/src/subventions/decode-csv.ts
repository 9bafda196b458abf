import { CodedError } from '@openactes/domain';

export type CsvEncoding = 'utf-8' | 'windows-1252';
export type CsvSeparator = ',' | ';' | '\t';

export interface DecodedCsv {
  encoding: CsvEncoding;
  separator: CsvSeparator;
  header: string[];
  /** Data rows as split, blank lines left out. */
  rows: string[][];
  /** 1-based line of the file where each data row starts (for the report). */
  lines: number[];
}

const SEPARATORS: readonly CsvSeparator[] = [',', ';', '\t'];

/**
 * Reads a CSV file as collectivities publish it: UTF-8 (with or without BOM)
 * or, when the bytes are not UTF-8, Windows-1252 (a superset of ISO-8859-1 for
 * text); `,`, `;` or tab separated, CRLF or LF. A file that is not a table
 * (binary, no separator in its header, unterminated quote) is INVALID_CSV.
 */
export function decodeCsv(bytes: Buffer): DecodedCsv {
  if (bytes.length === 0) throw invalid('The file is empty');
  if (bytes.includes(0)) throw invalid('The file holds NUL bytes: it is not a text file');
  const { text, encoding } = decodeText(bytes);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const separator = detectSeparator(firstLine);
  if (!separator) throw invalid('The first line holds no separator (`,`, `;` or tab): it is not a CSV header');
  let parsed: { cells: string[]; line: number }[];
  try {
    parsed = splitRows(text, separator);
  } catch (err) {
    throw invalid(err instanceof Error ? err.message : 'The file cannot be split into rows');
  }
  const [head, ...body] = parsed;
  const data = body.filter((r) => r.cells.some((cell) => cell.trim() !== ''));
  return { encoding, separator, header: head.cells.map((name) => name.trim()), rows: data.map((r) => r.cells), lines: data.map((r) => r.line) };
}

function decodeText(bytes: Buffer): { text: string; encoding: CsvEncoding } {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(body), encoding: 'windows-1252' };
  }
}

/** The separator that splits the header into the most columns, outside quotes. */
export function detectSeparator(headerLine: string): CsvSeparator | null {
  let best: CsvSeparator | null = null;
  let bestCount = 0;
  for (const separator of SEPARATORS) {
    let count = 0;
    let quoted = false;
    for (const ch of headerLine) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === separator) count++;
    }
    if (count > bestCount) [best, bestCount] = [separator, count];
  }
  return best;
}

/** RFC 4180 splitting with any separator; each row with the 1-based line it starts on. */
function splitRows(text: string, separator: CsvSeparator): { cells: string[]; line: number }[] {
  const rows: { cells: string[]; line: number }[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    cells.push(field);
    rows.push({ cells, line: rowLine });
    cells = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') field += text[++i];
      else quoted = false;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === separator) {
      cells.push(field);
      field = '';
    } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      if (ch === '\r') {
        i++;
        line++;
      }
      endRow();
      rowLine = line;
    } else field += ch;
  }
  if (quoted) throw new SyntaxError(`Unterminated quoted field starting on line ${rowLine}`);
  if (field !== '' || cells.length) endRow();
  return rows;
}

function invalid(message: string): CodedError {
  return new CodedError('INVALID_CSV', message);
}
