import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCsv } from '../csv';
import { SCDL_BUDGET_SCHEMA, SCDL_DELIBERATIONS_SCHEMA, SCDL_SUBVENTIONS_SCHEMA } from './descriptors';
import type { TableError, TableSchema } from './table-schema';
import { partitionRows, validateTable } from './validate-table';

const SHARED = process.env.SHARED_DIR ?? path.resolve(__dirname, '../../../../../shared');
const readCsv = (...parts: string[]) => {
  const [header, ...rows] = parseCsv(fs.readFileSync(path.join(SHARED, 'samples', ...parts), 'utf8'));
  return { header, rows };
};
const tally = (errors: TableError[]) => {
  const counts: Record<string, number> = {};
  for (const e of errors) counts[`${e.column}:${e.code}`] = (counts[`${e.column}:${e.code}`] ?? 0) + 1;
  return counts;
};
const codesOfRow = (errors: TableError[], row: number) => errors.filter((e) => e.row === row).map((e) => `${e.column}:${e.code}`).sort();

const schema: TableSchema = {
  fields: [
    { name: 'ID', type: 'integer', constraints: { required: true, unique: true } },
    { name: 'NOM', type: 'string' },
  ],
  missingValues: ['', 'NC'],
};

describe(validateTable.name, () => {
  it('matches columns by name, whatever their order', () => {
    expect(validateTable(schema, ['NOM', 'ID'], [['a', '1']])).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it('reports header problems on row 0; an absent optional column is only a warning', () => {
    const report = validateTable(schema, ['ID', 'ID', '', 'Nom'], [['1', '1', '', 'x']]);
    expect(report.errors.map((e) => `${e.row}:${e.column}:${e.code}`)).toEqual(['0:ID:duplicate-column', '0:null:blank-column', '0:Nom:extra-column']);
    expect(report.warnings.map((e) => `${e.column}:${e.code}`)).toEqual(['NOM:missing-column']);
    expect(validateTable(schema, ['NOM'], [['x']]).errors.map((e) => e.code)).toEqual(['missing-column']);
  });

  it('reports row shape, blank rows, missing values, required and unique cells', () => {
    const report = validateTable(schema, ['ID', 'NOM'], [['1', 'a', 'extra'], ['1'], ['', ''], ['NC', 'b'], ['x', 'c']]);
    expect(report.errors.map((e) => `${e.row}:${e.column}:${e.code}`)).toEqual([
      '1:null:extra-cell',
      '2:null:missing-cell',
      '2:ID:unique',
      '3:null:blank-row',
      '4:ID:required',
      '5:ID:type',
    ]);
  });

  it('runs custom checks on the SCDL délibérations rules', () => {
    const header = SCDL_DELIBERATIONS_SCHEMA.fields.map((f) => f.name);
    const row = (cells: Record<string, string>) => header.map((name) => cells[name] ?? '');
    const base = {
      COLL_NOM: 'Commune de Crac’h',
      COLL_SIRET: '21560046100010',
      DELIB_ID: '2024-12',
      DELIB_DATE: '2024-03-05',
      DELIB_MATIERE_CODE: '7.5',
      DELIB_MATIERE_NOM: 'finances locales/subventions',
      DELIB_OBJET: 'Subventions aux associations',
    };
    const report = validateTable(SCDL_DELIBERATIONS_SCHEMA, header, [
      row(base),
      row({ ...base, PREF_DATE: '2024-03-01', VOTE_EFFECTIF: '15', VOTE_REEL: '12', VOTE_POUR: '10', VOTE_CONTRE: '1', VOTE_ABSTENTION: '0' }),
      row({ ...base, BUDGET_ANNEE: '2024', DELIB_URL: 'example.org/a.pdf', VOTE_EFFECTIF: '15' }),
    ]);
    expect(codesOfRow(report.errors, 1)).toEqual([]);
    expect(codesOfRow(report.errors, 2)).toEqual(['PREF_DATE:compare-columns', 'VOTE_REEL:sum-columns']);
    expect(codesOfRow(report.errors, 3)).toEqual(['BUDGET_ANNEE:cohesive-columns', 'DELIB_URL:format', 'VOTE_EFFECTIF:cohesive-columns']);
  });

  describe('on the official SCDL subventions 2.1.1 examples', () => {
    const dir = ['subventions', 'official-examples'];

    it('accepts the valid example', () => {
      const { header, rows } = readCsv(...dir, 'scdl-subventions-2.1.1-exemple_valide.csv');
      expect(rows).toHaveLength(29);
      expect(validateTable(SCDL_SUBVENTIONS_SCHEMA, header, rows)).toEqual({ valid: true, errors: [], warnings: [] });
    });

    it('rejects the cell errors with the expected codes', () => {
      const { header, rows } = readCsv(...dir, 'scdl-subventions-2.1.1-exemple_invalide_erreurs_cellules.csv');
      const report = validateTable(SCDL_SUBVENTIONS_SCHEMA, header, rows);
      expect(report.valid).toBe(false);
      expect(report.warnings.map((e) => `${e.column}:${e.code}`)).toEqual(['dispositifAide:missing-column']);
      expect(tally(report.errors)).toEqual({
        'idAttribuant:siret': 29, // 21860194600000 fails the checksum, and the SIREN
        'idAttribuant:pattern': 1, // a 9-digit SIREN
        'idBeneficiaire:siret': 20,
        'idBeneficiaire:one-of-required': 1,
        'rnaBeneficiaire:pattern': 3,
        'dateConvention:type': 1, // 05/12/2016
        'montant:type': 1, // "100000,1"
        'montant:required': 1,
        'pourcentageSubvention:maximum': 3, // 100, 80, 80 as percentages
        'pourcentageSubvention:type': 1, // "0,5"
        'notificationUE:type': 2, // no, yes
        'datesPeriodeVersement:pattern': 1, // "_" separator
        'nature:enum': 1, // comma-joined
      });
      expect(codesOfRow(report.errors, 5)).toEqual(['idAttribuant:siret', 'idBeneficiaire:siret', 'montant:type', 'notificationUE:type']);
    });

    it('rejects the renamed column', () => {
      const { header, rows } = readCsv(...dir, 'scdl-subventions-2.1.1-exemple_invalide_erreurs_colonnes.csv');
      const headerErrors = validateTable(SCDL_SUBVENTIONS_SCHEMA, header, rows).errors.filter((e) => e.row === 0);
      expect(headerErrors.map((e) => `${e.column}:${e.code}`)).toEqual(['NOM_Beneficiaire:extra-column', 'nomBeneficiaire:missing-column']);
    });
  });

  describe('on the reference converter (yatotem2scdl) budget CSVs', () => {
    // README: capitalised BGT_NATDEC on every row; empty chapter, its label and section where TOTEM has no ContNat.
    it.each([
      ['crach-2021-CA-budget-principal', 196, { 'BGT_NATDEC:enum': 196, 'BGT_CONTNAT:required': 49, 'BGT_CONTNAT_LABEL:required': 49, 'BGT_SECTION:required': 49 }],
      ['crach-2022-BP-budget-principal', 201, { 'BGT_NATDEC:enum': 201, 'BGT_CONTNAT:required': 53, 'BGT_CONTNAT_LABEL:required': 53, 'BGT_SECTION:required': 53 }],
      [
        'saint-malo-agglo-2022-BP-transport-M43',
        123,
        // + chapters 4581001/4582001 unknown to the plan, + account 6518 missing from the plan
        { 'BGT_NATDEC:enum': 123, 'BGT_CONTNAT:required': 25, 'BGT_CONTNAT_LABEL:required': 27, 'BGT_SECTION:required': 27, 'BGT_NATURE_LABEL:required': 1 },
      ],
      // + 4 lines on chapters 45411/45421 unknown to the plan
      ['mohon-2023-CFU-M57', 163, { 'BGT_NATDEC:enum': 163, 'BGT_CONTNAT:required': 36, 'BGT_CONTNAT_LABEL:required': 40, 'BGT_SECTION:required': 40 }],
    ])('reproduces the known invalidity of %s', (name, rowCount, expected) => {
      const { header, rows } = readCsv('budget', `${name}.scdl-budget.csv`);
      expect(rows).toHaveLength(rowCount);
      const report = validateTable(SCDL_BUDGET_SCHEMA, header, rows);
      expect(report.warnings).toEqual([]);
      expect(tally(report.errors)).toEqual(expected);
    });
  });
});

describe(partitionRows.name, () => {
  it('separates publishable rows from quarantined ones with their reasons', () => {
    const partition = partitionRows(schema, ['ID', 'NOM'], [['1', 'a'], ['x', 'b'], ['2', 'c']]);
    expect(partition.valid).toEqual([['1', 'a'], ['2', 'c']]);
    expect(partition.quarantined).toEqual([{ row: 2, cells: ['x', 'b'], errors: [expect.objectContaining({ row: 2, column: 'ID', code: 'type' })] }]);
    expect(partition.tableErrors).toEqual([]);
  });

  it('publishes nothing when the header is wrong', () => {
    const partition = partitionRows(schema, ['NOM'], [['a']]);
    expect(partition.valid).toEqual([]);
    expect(partition.quarantined).toEqual([{ row: 1, cells: ['a'], errors: [] }]);
    expect(partition.tableErrors.map((e) => e.code)).toEqual(['missing-column']);
  });
});
