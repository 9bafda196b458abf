import { createRowValidator, SCDL_SUBVENTIONS_SCHEMA, type ScdlSubventionsField, type ScdlSubventionsRow, type TableError } from '../table-schema';
import { decodeCsv, type CsvEncoding, type CsvSeparator, type DecodedCsv } from './decode-csv';
import { mapSubventionsHeader, SUBVENTIONS_FIELDS, type HeaderMapping } from './subvention-headers';
import { repairSubventionRow, type SubventionRepair } from './subvention-repairs';

/** One data row of a subventions file, as normalised. */
export interface SubventionRowOutcome {
  /** 1-based data row (blank lines left out). */
  position: number;
  /** 1-based line of the file where the row starts. */
  line: number;
  /** Every SCDL 2.1.1 field, '' when the file has no such column. */
  row: ScdlSubventionsRow;
  /** Null when the row may be published. */
  errors: TableError[] | null;
  repairs: SubventionRepair[];
  /** Position of the earlier row of the file this one repeats (merged into it, not published again). */
  duplicateOf: number | null;
}

/** What became of the rows of one subventions file. */
export interface SubventionFileReport {
  source: string;
  encoding: CsvEncoding;
  separator: CsvSeparator;
  /** Source header → SCDL 2.1.1 field, where the name was not the exact one. */
  renamedColumns: Record<string, string>;
  /** Source columns that map to no SCDL field: left out. */
  ignoredColumns: string[];
  /** Header problems: when there is any, every row is quarantined. */
  headerErrors: TableError[];
  read: number;
  published: number;
  quarantined: number;
  /** Rows published after at least one repair. */
  repairedRows: number;
  /** Repairs made, on published and quarantined rows alike, by rule. */
  repairsByRule: Record<string, number>;
  /** Problems of the quarantined rows, by `code:column` (a row may have several; header problems count once per row). */
  reasons: Record<string, number>;
  /** The first 1000 quarantined rows and their problems. */
  quarantinedRows: { position: number; line: number; errors: { column: string | null; code: string }[] }[];
  /** Rows repeating an earlier one of the file (same idAttribuant, dateConvention, beneficiary, objet and montant). */
  duplicatesMerged: number;
}

export interface NormalisedSubventions {
  rows: SubventionRowOutcome[];
  report: SubventionFileReport;
}

const REPORTED_ROWS = 1000;

/**
 * Reads a subventions CSV and brings each row to SCDL 2.1.1: header mapped,
 * cells repaired where only one reading is possible (each repair recorded),
 * then every row through the schema's validator. A header that cannot be
 * mapped quarantines every row: a file is never half published.
 * Throws INVALID_CSV for a file that is not a CSV table.
 */
export function normaliseSubventions(bytes: Buffer, source: string): NormalisedSubventions {
  const decoded = decodeCsv(bytes);
  const mapping = mapSubventionsHeader(decoded.header);
  const present = SUBVENTIONS_FIELDS.filter((field) => [...mapping.columns.values()].includes(field));
  const validator = createRowValidator(SCDL_SUBVENTIONS_SCHEMA, present);
  const headerErrors = [...mapping.errors, ...validator.headerErrors];
  const firstOf = new Map<string, number>();
  const rows = decoded.rows.map((cells, index): SubventionRowOutcome => {
    const position = index + 1;
    const row = recordOf(cells, mapping);
    const { repairs, problems } = repairSubventionRow(row, position);
    const errors = [...headerErrors, ...cellCountErrors(cells, decoded, position), ...problems, ...validator.check(present.map((f) => row[f]), position)];
    let duplicateOf: number | null = null;
    if (errors.length === 0) {
      const key = duplicateKey(row);
      duplicateOf = firstOf.get(key) ?? null;
      if (duplicateOf === null) firstOf.set(key, position);
    }
    return { position, line: decoded.lines[index], row, errors: errors.length ? errors : null, repairs, duplicateOf };
  });
  return { rows, report: reportOf(source, decoded, mapping, headerErrors, rows) };
}

/** The SIRENs of the granting authorities a file names (first 9 digits of idAttribuant, even a float that lost its last digits). */
export function attribuantSirens(bytes: Buffer): string[] {
  const decoded = decodeCsv(bytes);
  const mapping = mapSubventionsHeader(decoded.header);
  const column = [...mapping.columns].find(([, field]) => field === 'idAttribuant')?.[0];
  const sirens = new Set<string>();
  if (column === undefined) return [];
  for (const cells of decoded.rows) {
    const id = /^(\d{9})(\d{5})?(\.0+)?$/.exec((cells[column] ?? '').replace(/[\s\u00a0\u202f]/g, ''));
    if (id) sirens.add(id[1]);
  }
  return [...sirens].sort();
}

function recordOf(cells: readonly string[], mapping: HeaderMapping): ScdlSubventionsRow {
  const row = Object.fromEntries(SUBVENTIONS_FIELDS.map((field) => [field, ''])) as ScdlSubventionsRow;
  for (const [position, field] of mapping.columns) row[field] = cells[position] ?? '';
  return row;
}

/** A row with more or fewer cells than the header cannot say which value is which column. */
function cellCountErrors(cells: readonly string[], decoded: DecodedCsv, row: number): TableError[] {
  const expected = decoded.header.length;
  if (cells.length === expected) return [];
  const code = cells.length > expected ? 'extra-cell' : 'missing-cell';
  return [{ row, column: null, code, message: `${cells.length} cells for ${expected} columns` }];
}

function duplicateKey(row: ScdlSubventionsRow): string {
  // Without a SIRET the beneficiary is its RNA number: two associations without SIRET are not one.
  const fields: ScdlSubventionsField[] = ['idAttribuant', 'dateConvention', 'objet'];
  return JSON.stringify([...fields.map((f) => row[f]), row.idBeneficiaire || `rna:${row.rnaBeneficiaire}`, Number(row.montant)]);
}

function reportOf(source: string, decoded: DecodedCsv, mapping: HeaderMapping, headerErrors: TableError[], rows: SubventionRowOutcome[]): SubventionFileReport {
  const repairsByRule: Record<string, number> = {};
  const reasons: Record<string, number> = {};
  const quarantinedRows: SubventionFileReport['quarantinedRows'] = [];
  let published = 0;
  let repairedRows = 0;
  for (const r of rows) {
    for (const repair of r.repairs) repairsByRule[repair.rule] = (repairsByRule[repair.rule] ?? 0) + 1;
    if (r.errors) {
      for (const e of r.errors) reasons[reasonKey(e)] = (reasons[reasonKey(e)] ?? 0) + 1;
      if (quarantinedRows.length < REPORTED_ROWS) quarantinedRows.push({ position: r.position, line: r.line, errors: r.errors.map(({ column, code }) => ({ column, code })) });
    } else if (r.duplicateOf === null) {
      published++;
      if (r.repairs.length) repairedRows++;
    }
  }
  const quarantined = rows.filter((r) => r.errors).length;
  return {
    source,
    encoding: decoded.encoding,
    separator: decoded.separator,
    renamedColumns: mapping.renamed,
    ignoredColumns: mapping.ignored,
    headerErrors,
    read: rows.length,
    published,
    quarantined,
    repairedRows,
    repairsByRule,
    reasons,
    quarantinedRows,
    duplicatesMerged: rows.length - published - quarantined,
  };
}

function reasonKey(error: TableError): string {
  return error.column ? `${error.code}:${error.column}` : error.code;
}
