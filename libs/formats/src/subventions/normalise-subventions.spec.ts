import fs from 'node:fs';
import path from 'node:path';
import { isCodedError } from '@openactes/domain';
import { fieldNames, SCDL_SUBVENTIONS_SCHEMA, validateTable } from '../table-schema';
import { normaliseSubventions, attribuantSirens } from './normalise-subventions';
import { repairSubventionRow } from './subvention-repairs';

const SHARED = process.env.SHARED_DIR ?? path.resolve(__dirname, '../../../../../shared');
const SAMPLES = path.join(SHARED, 'samples/subventions');
const sample = (file: string) => fs.readFileSync(path.join(SAMPLES, file));

/** The expected numbers of every shared subventions sample; the integration test asserts the same through the gateway. */
export const SUBVENTIONS_SAMPLE_COUNTS = [
  // file, read, published, quarantined, repairs by rule, reasons (problems of quarantined rows), duplicates merged
  ['official-examples/scdl-subventions-2.1.1-exemple_valide.csv', 29, 29, 0, {}, {}, 0],
  [
    'official-examples/scdl-subventions-2.1.1-exemple_invalide_erreurs_cellules.csv', 29, 0, 29,
    { 'percent-to-share': 3, 'date-to-iso': 1, 'decimal-comma': 2, 'period-separator': 1, 'nature-list-separator': 1 },
    { 'siret:idAttribuant': 29, 'pattern:rnaBeneficiaire': 3, 'siret:idBeneficiaire': 20, 'siret-digits-lost:idBeneficiaire': 1, 'type:notificationUE': 2,
      'pattern:idAttribuant': 1, 'one-of-required:idBeneficiaire': 1, 'required:montant': 1 },
    0,
  ],
  [
    'official-examples/scdl-subventions-2.1.1-exemple_invalide_erreurs_colonnes.csv', 29, 0, 29,
    { 'percent-to-share': 3, 'date-to-iso': 1, 'decimal-comma': 2, 'period-separator': 1, 'nature-list-separator': 1 },
    { 'missing-column:nomBeneficiaire': 29, 'siret:idAttribuant': 29, 'pattern:rnaBeneficiaire': 3, 'siret:idBeneficiaire': 20, 'siret-digits-lost:idBeneficiaire': 1,
      'type:notificationUE': 2, 'pattern:idAttribuant': 1, 'one-of-required:idBeneficiaire': 1, 'required:montant': 1 },
    0,
  ],
  [
    'etalab-format-reglementaire/etalab-format-subventions-exemple.csv', 2, 1, 1,
    { 'decimal-comma': 2, 'percent-to-share': 2, 'period-separator': 2, 'nature-list-separator': 2 }, { 'siret:idBeneficiaire': 1 }, 0,
  ],
  [
    'real-2018-messy/haute-garonne-datalocale-subventions.csv', 69, 37, 32, { 'period-separator': 40, 'enum-case': 128 },
    { 'required:datesPeriodeVersement': 29, 'required:conditionsVersement': 4, 'required:nomBeneficiaire': 1, 'one-of-required:idBeneficiaire': 1 }, 0,
  ],
  ['real-2018-messy/lot-2017-subventions-cp1252.csv', 13, 13, 0, { 'thousands-space': 13, 'decimal-comma': 13, 'period-separator': 5 }, {}, 0],
  [
    'real-2018-messy/nievre-2016-subventions-scdl-v1-latin1.csv', 97, 0, 97, { 'thousands-space': 90 },
    { 'missing-column:datesPeriodeVersement': 97, 'missing-column:pourcentageSubvention': 97, 'pattern:idAttribuant': 97, 'required:nature': 97,
      'required:conditionsVersement': 97, 'required:notificationUE': 97, 'siret:idAttribuant': 97, 'one-of-required:idBeneficiaire': 97, 'type:montant': 6, 'required:montant': 1 },
    0,
  ],
  [
    'real-2018-messy/poitiers-2017-subventions-scdl-v1.csv', 562, 0, 562, { 'boolean-case': 562 },
    { 'missing-column:nature': 562, 'missing-column:conditionsVersement': 562, 'missing-column:datesPeriodeVersement': 562, 'missing-column:pourcentageSubvention': 562,
      'siret-digits-lost:idAttribuant': 562, 'siret-digits-lost:idBeneficiaire': 562, 'pattern:idAttribuant': 562, 'siret:idAttribuant': 562, 'siret:idBeneficiaire': 562,
      'max-length:objet': 156 },
    0,
  ],
  [
    'real-2018-messy/somme-2018-conventions-cp1252.csv', 11, 0, 11, { 'thousands-space': 11, 'decimal-comma': 11, 'date-to-iso': 22, 'period-separator': 11 },
    { 'missing-column:notificationUE': 11, 'max-length:conditionsVersement': 11 }, 0,
  ],
] as const;

describe(normaliseSubventions.name, () => {
  it('has a line in the table for every shared sample', () => {
    const files = fs.readdirSync(SAMPLES, { recursive: true }).map(String).filter((f) => f.endsWith('.csv')).sort();
    expect(SUBVENTIONS_SAMPLE_COUNTS.map(([file]) => file).sort()).toEqual(files);
  });

  it.each(SUBVENTIONS_SAMPLE_COUNTS)('%s: read %i, published %i, quarantined %i', (file, read, published, quarantined, repairsByRule, reasons, duplicatesMerged) => {
    const { rows, report } = normaliseSubventions(sample(file), path.basename(file));
    expect(report).toMatchObject({ read, published, quarantined, repairsByRule, reasons, duplicatesMerged });
    expect(rows).toHaveLength(read);
    // What is published passes the validator as a table, header in schema order.
    const header = fieldNames(SCDL_SUBVENTIONS_SCHEMA);
    const kept = rows.filter((r) => !r.errors && r.duplicateOf === null).map((r) => header.map((name) => r.row[name]));
    expect(validateTable(SCDL_SUBVENTIONS_SCHEMA, header, kept)).toEqual({ valid: true, errors: [], warnings: [] });
    // A header problem quarantines every row.
    if (report.headerErrors.length) expect(rows.every((r) => r.errors && r.errors.length >= report.headerErrors.length)).toBe(true);
  });

  it('reads Windows-1252 and maps lower-case and SCDL v1 headers', () => {
    const lot = normaliseSubventions(sample('real-2018-messy/lot-2017-subventions-cp1252.csv'), 'lot.csv');
    expect(lot.report).toMatchObject({ encoding: 'windows-1252', separator: ';', renamedColumns: { NomAttribuant: 'nomAttribuant', datesperiodeVersement: 'datesPeriodeVersement' } });
    expect(lot.rows[1].row.nomBeneficiaire).toBe('Association "Ecaussystème"');
    expect(lot.rows[0].repairs).toEqual([
      { rule: 'thousands-space', row: 1, column: 'montant', before: '40 000,00', after: '40000,00' },
      { rule: 'decimal-comma', row: 1, column: 'montant', before: '40000,00', after: '40000.00' },
      { rule: 'period-separator', row: 1, column: 'datesPeriodeVersement', before: '2018-01-01_2018-03-31', after: '2018-01-01/2018-03-31' },
    ]);
    const poitiers = normaliseSubventions(sample('real-2018-messy/poitiers-2017-subventions-scdl-v1.csv'), 'poitiers.csv');
    expect(poitiers.report.renamedColumns).toMatchObject({ COLL_SIRET: 'idAttribuant', ATTRIB_NOM: 'nomBeneficiaire', SUB_MONTANT: 'montant' });
    expect(poitiers.report.ignoredColumns).toEqual(['ANNEE', 'COLL_TYPE']);
  });

  it('repairs only the readings that are unambiguous, and records them', () => {
    const row = {
      nomAttribuant: 'X', idAttribuant: '21860194600000.0', dateConvention: '05/12/2016', referenceDecision: '', nomBeneficiaire: 'Y', idBeneficiaire: '32402138500000.0',
      rnaBeneficiaire: '', objet: 'o', montant: '1,500', nature: 'Aide en Nature', conditionsVersement: 'Échelonné', datesPeriodeVersement: '2018/01/30_30/01/2019',
      idRAE: '', notificationUE: 'NON', pourcentageSubvention: '0,5', dispositifAide: '',
    };
    const { repairs, problems } = repairSubventionRow(row, 3);
    expect(repairs.map((r) => [r.rule, r.column, r.after])).toEqual([
      ['decimal-comma', 'pourcentageSubvention', '0.5'],
      ['date-to-iso', 'dateConvention', '2016-12-05'],
      ['date-to-iso', 'datesPeriodeVersement', '2018-01-30_2019-01-30'],
      ['period-separator', 'datesPeriodeVersement', '2018-01-30/2019-01-30'],
      ['boolean-case', 'notificationUE', 'non'],
      ['enum-case', 'nature', 'aide en nature'],
      ['enum-case', 'conditionsVersement', 'échelonné'],
    ]);
    // `1,500` (1.5 or 1500?) and a float SIRET ending in zeros are left for quarantine.
    expect(row.montant).toBe('1,500');
    expect(problems).toEqual([expect.objectContaining({ column: 'idAttribuant', code: 'siret-digits-lost' }), expect.objectContaining({ column: 'idBeneficiaire', code: 'siret-digits-lost' })]);
    const shares = ['80', '100', '5', '33.5', '0.8', '150'].map((p) => {
      const r = { ...row, pourcentageSubvention: p };
      repairSubventionRow(r, 1);
      return r.pourcentageSubvention;
    });
    expect(shares).toEqual(['0.80', '1.00', '0.05', '0.335', '0.8', '150']);
  });

  it('repairs a float SIRET that kept all its digits', () => {
    const row = { idAttribuant: '21860194600013.0', idBeneficiaire: '' } as Parameters<typeof repairSubventionRow>[0];
    for (const k of ['nomAttribuant', 'dateConvention', 'referenceDecision', 'nomBeneficiaire', 'rnaBeneficiaire', 'objet', 'montant', 'nature', 'conditionsVersement',
      'datesPeriodeVersement', 'idRAE', 'notificationUE', 'pourcentageSubvention', 'dispositifAide'] as const) row[k] = '';
    expect(repairSubventionRow(row, 1)).toEqual({ repairs: [{ rule: 'siret-float', row: 1, column: 'idAttribuant', before: '21860194600013.0', after: '21860194600013' }], problems: [] });
  });

  it('merges a row repeated in the file', () => {
    const valid = sample('official-examples/scdl-subventions-2.1.1-exemple_valide.csv').toString('utf8').trimEnd().split(/\r?\n/);
    const { report, rows } = normaliseSubventions(Buffer.from([...valid, valid[1]].join('\n')), 'twice.csv');
    expect(report).toMatchObject({ read: 30, published: 29, quarantined: 0, duplicatesMerged: 1 });
    expect(rows[29].duplicateOf).toBe(1);
  });

  it('names the SIRENs of the granting authorities, even from a float SIRET', () => {
    expect(attribuantSirens(sample('real-2018-messy/poitiers-2017-subventions-scdl-v1.csv'))).toEqual(['218601946']);
    expect(attribuantSirens(sample('real-2018-messy/nievre-2016-subventions-scdl-v1-latin1.csv'))).toEqual(['225800010']);
  });

  it.each([
    ['binary', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00])],
    ['no separator', Buffer.from('just one line of text\nand another\n')],
    ['unterminated quote', Buffer.from('a,b\n"x,y\n')],
    ['empty', Buffer.alloc(0)],
  ])('refuses a file that is not a CSV (%s) with INVALID_CSV', (_name, bytes) => {
    let caught: unknown;
    try {
      normaliseSubventions(bytes, 'x.csv');
    } catch (err) {
      caught = err;
    }
    expect(isCodedError(caught) && caught.code).toBe('INVALID_CSV');
  });
});
