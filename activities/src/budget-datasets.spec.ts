import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadAccountPlan, readTotem, type AccountPlan, type TotemDocument } from '@openactes/formats';
import { buildBudgetDatasets } from './budget-datasets';

const SHARED = process.env.SHARED_DIR ?? path.resolve(__dirname, '../../../shared');
const SAMPLES = path.join(SHARED, 'samples/budget');
const PLANS = path.join(SHARED, 'schemas/reference/plans-de-comptes');

/** What the CONCOURS annex never carries, so every subventions row of a TOTEM file lacks it. */
const NOT_IN_TOTEM = ['dateConvention:required', 'conditionsVersement:required', 'datesPeriodeVersement:required', 'notificationUE:required'];

describe(buildBudgetDatasets.name, () => {
  it.each([
    // name, LigneBudget, budget rows published, dropped (calculated), CONCOURS, extra subventions reasons
    ['crach-2021-CA-budget-principal', 196, 196, 0, 36, ['idBeneficiaire:one-of-required', 'objet:required']],
    ['crach-2022-BP-budget-principal', 201, 201, 0, 31, ['idBeneficiaire:one-of-required']],
    ['saint-malo-agglo-2022-BP-transport-M43', 123, 123, 0, 0, []],
    ['mohon-2023-CFU-M57', 796, 163, 633, 37, ['idBeneficiaire:one-of-required', 'objet:required']],
  ])('%s: every line is published, dropped or quarantined, with reasons', async (name, read, published, calculated, concours, extraReasons) => {
    const doc = readTotem(fs.readFileSync(path.join(SAMPLES, `${name}.totem.xml`)));
    const { rows, counts } = buildBudgetDatasets(doc, await loadAccountPlan(PLANS, doc.nomenclature, doc.year));

    expect(counts.budget).toEqual({ read, published, quarantined: 0, quarantineReasons: {}, dropped: { calculated, noNature: 0 } });
    expect(counts.subventions).toMatchObject({ read: concours, published: 0, quarantined: concours });
    expect(Object.keys(counts.subventions.quarantineReasons).sort()).toEqual(concours ? [...NOT_IN_TOTEM, ...extraReasons].sort() : []);
    expect(rows.filter((r) => r.dataset === 'budget' && r.errors === null)).toHaveLength(published);
    expect(rows.filter((r) => r.dataset === 'subventions').every((r) => r.errors && r.errors.length > 0)).toBe(true);
  });

  it('quarantines a line the plan cannot label, with the validator’s reasons, and keeps its position', () => {
    const plan: AccountPlan = {
      norme: 'M57',
      declinaison: 'M57_A',
      year: '2024',
      chapters: new Map([['65', { code: '65', label: 'Autres charges de gestion courante', section: 'F' }]]),
      accounts: new Map([['6574', { code: '6574', label: 'Subventions', chapters: { DR: '65' } }]]),
      functions: new Map(),
    };
    const line = { calculated: false, codRD: 'D', opBudg: '0', amounts: { MtPrev: '10' } };
    const doc: TotemDocument = {
      kind: 'budget',
      collectivity: { siret: '21560046100010', name: 'CRACH' },
      budget: { siret: '21560046100010' },
      nomenclature: 'M57-M57_A',
      norme: 'M57',
      declinaison: 'M57_A',
      year: '2024',
      natDec: '01',
      lines: [
        { ...line, position: 1, nature: '6574' },
        { ...line, position: 2, nature: '9999' },
        { ...line, position: 3, calculated: true, nature: '6574' },
      ],
      concours: [],
    };
    const { rows, counts } = buildBudgetDatasets(doc, plan);
    expect(rows.map((r) => [r.position, r.errors?.map((e) => `${e.column}:${e.code}`) ?? null])).toEqual([
      [1, null],
      [2, ['BGT_CONTNAT:required', 'BGT_CONTNAT_LABEL:required', 'BGT_NATURE_LABEL:required', 'BGT_SECTION:required']],
    ]);
    expect(counts.budget).toEqual({
      read: 3,
      published: 1,
      quarantined: 1,
      quarantineReasons: { 'BGT_CONTNAT:required': 1, 'BGT_CONTNAT_LABEL:required': 1, 'BGT_NATURE_LABEL:required': 1, 'BGT_SECTION:required': 1 },
      dropped: { calculated: 1, noNature: 0 },
    });
  });
});
