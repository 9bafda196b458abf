import * as fs from 'node:fs';
import * as path from 'node:path';
import { fieldNames, SCDL_SUBVENTIONS_SCHEMA, validateTable } from '../table-schema';
import { isNaturalPerson, NATURAL_PERSON_PLACEHOLDER, totemToScdlSubventions } from './scdl-subventions';
import { readTotem, type TotemConcours, type TotemDocument } from './totem-document';

const SAMPLES = path.join(process.env.SHARED_DIR ?? path.resolve(__dirname, '../../../../../shared'), 'samples/budget');
const HEADER = fieldNames(SCDL_SUBVENTIONS_SCHEMA);
/** What the annex never carries: required columns a person must complete, and the beneficiary's id. */
const NOT_IN_TOTEM = ['dateConvention:required', 'conditionsVersement:required', 'datesPeriodeVersement:required', 'notificationUE:required'];

const doc = (concours: Partial<TotemConcours>[]): TotemDocument => ({
  kind: 'budget',
  collectivity: { siret: '21560046100010', name: 'CRACH' },
  budget: { siret: '21560046100010' },
  nomenclature: 'M57-M57_A',
  norme: 'M57',
  declinaison: 'M57_A',
  year: '2024',
  natDec: '09',
  lines: [],
  concours: concours.map((c, i) => ({ position: i + 1, ...c })),
});
const errorsByColumn = (rows: Record<string, string>[]) => {
  const report = validateTable(SCDL_SUBVENTIONS_SCHEMA, HEADER, rows.map((row) => HEADER.map((name) => row[name])));
  return [...new Set(report.errors.map((e) => `${e.column}:${e.code}`))].sort();
};

describe(isNaturalPerson.name, () => {
  it('treats P3 and a missing legal nature as a natural person', () => {
    expect([undefined, '', 'P3', 'p3'].every(isNaturalPerson)).toBe(true);
    expect(['P1', 'P2', 'P4', 'U1', 'U3', 'U6'].some(isNaturalPerson)).toBe(false);
  });
});

describe(totemToScdlSubventions.name, () => {
  it('maps an annex line, occulting natural persons and their SIRET', () => {
    const { rows, warnings } = totemToScdlSubventions(
      doc([
        { legalNature: 'P1', beneficiary: 'AMICALE LAIQUE', amount: '1500.00', object: 'Fonctionnement', siret: '21560046100010' },
        { legalNature: 'P3', beneficiary: 'Jean Dupont', amount: '200', siret: '21560046100010' },
        { legalNature: 'P2', beneficiary: 'SARL X', amount: '10', siret: '12345678900023' },
      ]),
    );
    expect(rows[0]).toEqual({
      nomAttribuant: 'CRACH',
      idAttribuant: '21560046100010',
      dateConvention: '',
      referenceDecision: '',
      nomBeneficiaire: 'AMICALE LAIQUE',
      idBeneficiaire: '21560046100010',
      rnaBeneficiaire: '',
      objet: 'Fonctionnement',
      montant: '1500.00',
      nature: 'aide en numéraire',
      conditionsVersement: '',
      datesPeriodeVersement: '',
      idRAE: '',
      notificationUE: '',
      pourcentageSubvention: '1',
      dispositifAide: '',
    });
    expect(Object.keys(rows[0])).toEqual(HEADER);
    expect(rows[1]).toMatchObject({ nomBeneficiaire: NATURAL_PERSON_PLACEHOLDER, idBeneficiaire: '' });
    expect(rows[2].idBeneficiaire).toBe('');
    expect(warnings).toEqual([expect.stringContaining('12345678900023')]);
  });

  it('says in kind only when LibPrestaNat describes something other than the object', () => {
    const nature = (c: Partial<TotemConcours>) => totemToScdlSubventions(doc([{ legalNature: 'P1', ...c }])).rows[0].nature;
    expect(nature({ amount: '100', object: 'SUBVENTION FOOT', inKindLabel: 'SUBVENTION FOOT' })).toBe('aide en numéraire');
    expect(nature({ amount: '0', inKindLabel: 'Prêt de salle' })).toBe('aide en nature');
    expect(nature({ amount: '100', inKindLabel: 'Prêt de salle' })).toBe('aide en numéraire;aide en nature');
  });

  it.each([
    // Crac'h 2021 CA: legal natures given, one P3; no object.
    ['crach-2021-CA-budget-principal', 36, 1, [...NOT_IN_TOTEM, 'idBeneficiaire:one-of-required', 'objet:required']],
    // Crac'h 2022 BP: ObjSubv present, LibPrestaNat repeats it.
    ['crach-2022-BP-budget-principal', 31, 0, [...NOT_IN_TOTEM, 'idBeneficiaire:one-of-required']],
    // Mohon CFU: no legal nature at all, so every name is occulted.
    ['mohon-2023-CFU-M57', 37, 37, [...NOT_IN_TOTEM, 'idBeneficiaire:one-of-required', 'objet:required']],
  ])('%s: one row per CONCOURS, failing only on what the annex does not carry', (name, rowCount, occulted, failing) => {
    const { rows } = totemToScdlSubventions(readTotem(fs.readFileSync(path.join(SAMPLES, `${name}.totem.xml`))));
    expect(rows).toHaveLength(rowCount);
    expect(rows.filter((r) => r.nomBeneficiaire === NATURAL_PERSON_PLACEHOLDER)).toHaveLength(occulted);
    expect(rows.filter((r) => /occultation/i.test(r.nomBeneficiaire))).toEqual([]);
    expect(errorsByColumn(rows)).toEqual([...failing].sort());
  });
});
