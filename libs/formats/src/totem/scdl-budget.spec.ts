import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodedError } from '@openactes/domain';
import { parseCsv } from '../csv';
import { fieldNames, SCDL_BUDGET_SCHEMA, validateTable } from '../table-schema';
import { loadAccountPlan, type AccountPlan } from './account-plan';
import { totemToScdlBudget } from './scdl-budget';
import { readTotem, type TotemDocument, type TotemLine } from './totem-document';

const SHARED = process.env.SHARED_DIR ?? path.resolve(__dirname, '../../../../../shared');
const SAMPLES = path.join(SHARED, 'samples/budget');
const PLANS = path.join(SHARED, 'schemas/reference/plans-de-comptes');
const HEADER = fieldNames(SCDL_BUDGET_SCHEMA);

const plan: AccountPlan = {
  norme: 'M57',
  declinaison: 'M57_A',
  year: '2024',
  chapters: new Map([
    ['65', { code: '65', label: 'Autres charges de gestion courante', section: 'F' }],
    ['040', { code: '040', label: 'Opérations d’ordre de transfert entre sections', section: 'I' }],
    ['041', { code: '041', label: 'Opérations patrimoniales', section: 'I' }],
    ['4581', { code: '4581', label: 'Opérations sous mandat', section: 'I' }],
  ]),
  accounts: new Map([
    ['65', { code: '65', label: 'Autres charges', chapters: {} }],
    ['6574', { code: '6574', label: 'Subventions de fonctionnement', chapters: { DR: '65' } }],
    ['2031', { code: '2031', label: 'Frais d’études', chapters: { DR: '20', DOES: '040', DOIS: '041' } }],
    ['4581', { code: '4581', label: 'Dépenses', chapters: { DR: '4581' } }],
  ]),
  functions: new Map([['01', 'Opérations non ventilables']]),
};
const doc = (lines: Partial<TotemLine>[], natDec = '01'): TotemDocument => ({
  kind: 'budget',
  collectivity: { siret: '21560046100010', name: 'CRACH' },
  budget: { siret: '21560046100085' },
  nomenclature: 'M57-M57_A',
  norme: 'M57',
  declinaison: 'M57_A',
  year: '2024',
  natDec,
  lines: lines.map((line, i) => ({ position: i + 1, calculated: false, codRD: 'D', opBudg: '0', amounts: {}, ...line })),
  concours: [],
});
const thrownCode = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as CodedError).code;
  }
  return undefined;
};
const convert = (lines: Partial<TotemLine>[], natDec?: string) => totemToScdlBudget(doc(lines, natDec), plan);

describe(totemToScdlBudget.name, () => {
  it('maps a voted line to the schema’s lower-case values and keeps amounts as written', () => {
    const { rows, warnings } = convert([
      { nature: '6574', contNat: '65', fonction: '01', artSpe: 'false', amounts: { MtPrev: '1500.00', MtReal: '0' } },
    ]);
    expect(rows).toEqual([
      expect.objectContaining({
        BGT_NATDEC: 'budget primitif',
        BGT_ANNEE: '2024',
        BGT_SIRET: '21560046100085',
        BGT_NOM: 'CRACH',
        BGT_CONTNAT: '65',
        BGT_CONTNAT_LABEL: 'Autres charges de gestion courante',
        BGT_NATURE: '6574',
        BGT_NATURE_LABEL: 'Subventions de fonctionnement',
        BGT_FONCTION: '01',
        BGT_FONCTION_LABEL: 'Opérations non ventilables',
        BGT_SECTION: 'fonctionnement',
        BGT_OPBUDG: 'réel',
        BGT_CODRD: 'dépense',
        BGT_MTPREV: '1500.00',
        BGT_MTREAL: '0',
        BGT_MTRAR3112: '',
        BGT_ARTSPE: 'non spécialisé',
      }),
    ]);
    expect(Object.keys(rows[0])).toEqual(HEADER);
    expect(warnings).toEqual([]);
  });

  it('derives a missing chapter from the account: real column, then order between or within sections', () => {
    const chapters = convert([
      { nature: '6574' },
      { nature: '2031', opBudg: '1', typOpBudg: '2' },
      { nature: '2031', opBudg: '1', typOpBudg: '1' },
      { nature: '2031', opBudg: '1' },
    ]).rows.map((r) => `${r.BGT_CONTNAT}/${r.BGT_SECTION}/${r.BGT_OPBUDG}`);
    expect(chapters).toEqual(['65/fonctionnement/réel', '040/investissement/ordre', '041/investissement/ordre', '040/investissement/ordre']);
  });

  it('labels numbered sub-chapters and unknown accounts from the plan, with a warning', () => {
    const { rows, warnings } = convert([
      { nature: '4581', contNat: '4581001' },
      { nature: '6578', contNat: '65', libCpte: 'Autres' },
      { nature: '65748', contNat: '65', libCpte: 'MAISON DES JEUNES', operation: '12' },
    ]);
    expect(rows.map((r) => [r.BGT_CONTNAT, r.BGT_CONTNAT_LABEL, r.BGT_SECTION, r.BGT_NATURE_LABEL])).toEqual([
      ['4581001', 'Opérations sous mandat', 'investissement', 'Dépenses'],
      ['65', 'Autres charges de gestion courante', 'fonctionnement', 'Autres'],
      ['65', 'Autres charges de gestion courante', 'fonctionnement', 'Subventions de fonctionnement'],
    ]);
    expect(warnings).toHaveLength(3);
  });

  it('leaves cells empty when nothing says them, for the validator to quarantine the row', () => {
    const { rows, warnings } = convert([{ nature: '9999', section: 'I' }]);
    expect(rows[0]).toMatchObject({ BGT_CONTNAT: '', BGT_CONTNAT_LABEL: '', BGT_NATURE_LABEL: '', BGT_SECTION: 'investissement' });
    expect(warnings).toHaveLength(3);
  });

  it('drops computed lines and lines without an account', () => {
    expect(convert([{ calculated: true, nature: '6574' }, {}]).dropped).toEqual([
      { line: 1, reason: 'calculated' },
      { line: 2, reason: 'no-nature' },
    ]);
  });

  it('maps every NatDec; a CFU becomes the compte administratif, an unknown stage is refused', () => {
    const stage = (natDec: string) => convert([{ nature: '6574' }], natDec).rows[0].BGT_NATDEC;
    expect(['01', '02', '03', '09', '10'].map(stage)).toEqual(['budget primitif', 'décision modificative', 'budget supplémentaire', 'compte administratif', 'compte administratif']);
    expect(convert([], '10').warnings).toEqual([expect.stringContaining('CFU')]);
    expect(thrownCode(() => convert([], '04'))).toBe('INVALID_TOTEM');
  });

  it('refuses the plan of another nomenclature', () => {
    expect(thrownCode(() => totemToScdlBudget(doc([]), { ...plan, declinaison: 'M57_D' }))).toBe('MISSING_ACCOUNT_PLAN');
  });

  describe('on the real TOTEM samples, against the reference converter (yatotem2scdl) output', () => {
    // Cells that differ from the reference CSV, by column. BGT_NATDEC: we write the schema's lower case.
    // BGT_CONTNAT(_LABEL)/BGT_SECTION: we fill chapters the line omits from the account plan (the reference
    // leaves them empty) and label numbered sub-chapters (4581001, 45411) by their plan chapter.
    // BGT_NATURE_LABEL: the reference keeps the plan's C1 dash (U+0096) and a trailing space; we write "–"
    // and trim; Saint-Malo's 6518 is absent from the plan, we label it as account 651.
    it.each([
      ['crach-2021-CA-budget-principal', 196, 0, { BGT_NATDEC: 196, BGT_CONTNAT: 49, BGT_CONTNAT_LABEL: 49, BGT_SECTION: 49, BGT_NATURE_LABEL: 1 }, 0],
      ['crach-2022-BP-budget-principal', 201, 0, { BGT_NATDEC: 201, BGT_CONTNAT: 53, BGT_CONTNAT_LABEL: 53, BGT_SECTION: 53, BGT_NATURE_LABEL: 1 }, 0],
      ['saint-malo-agglo-2022-BP-transport-M43', 123, 0, { BGT_NATDEC: 123, BGT_CONTNAT: 25, BGT_CONTNAT_LABEL: 27, BGT_SECTION: 27, BGT_NATURE_LABEL: 1 }, 4],
      ['mohon-2023-CFU-M57', 163, 633, { BGT_NATDEC: 163, BGT_CONTNAT: 36, BGT_CONTNAT_LABEL: 40, BGT_SECTION: 40, BGT_NATURE_LABEL: 2 }, 5],
    ])('%s: every row passes the schema', async (name, rowCount, droppedCount, differences, warningCount) => {
      const totem = readTotem(fs.readFileSync(path.join(SAMPLES, `${name}.totem.xml`)));
      const { rows, dropped, warnings } = totemToScdlBudget(totem, await loadAccountPlan(PLANS, totem.nomenclature, totem.year));
      const cells = rows.map((row) => HEADER.map((name) => row[name]));
      expect(validateTable(SCDL_BUDGET_SCHEMA, HEADER, cells)).toEqual({ valid: true, errors: [], warnings: [] });
      expect(dropped.filter((d) => d.reason === 'calculated')).toHaveLength(droppedCount);
      expect(warnings).toHaveLength(warningCount);

      const [referenceHeader, ...reference] = parseCsv(fs.readFileSync(path.join(SAMPLES, `${name}.scdl-budget.csv`), 'utf8'));
      expect(referenceHeader).toEqual(HEADER);
      expect(cells).toHaveLength(rowCount);
      expect(reference).toHaveLength(rowCount);
      const differing: Record<string, number> = {};
      reference.forEach((row, i) =>
        row.forEach((cell, j) => {
          if (cell !== cells[i][j]) differing[HEADER[j]] = (differing[HEADER[j]] ?? 0) + 1;
        }),
      );
      expect(differing).toEqual(differences);
      // Where the reference has a chapter, ours is the same one.
      const chapter = HEADER.indexOf('BGT_CONTNAT');
      expect(reference.filter((row, i) => row[chapter] !== '' && row[chapter] !== cells[i][chapter])).toEqual([]);
    });
  });
});
