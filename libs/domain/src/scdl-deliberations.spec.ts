import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildDeliberationRow, DeliberationInput, SCDL_DELIBERATIONS_FIELDS } from './scdl-deliberations';

const repoRoot = path.resolve(__dirname, '../../..');
const sharedDir = process.env.SHARED_DIR ?? path.resolve(repoRoot, '../shared');

const base: DeliberationInput = {
  collectivityName: ' Ville de Poitiers ',
  collectivitySiret: '21860194600013',
  numeroInterne: '2026_042',
  decisionDate: '2026-02-12',
  matieres: [8, 4, 2],
  objet: '  Lancement d’une démarche\n  partenariale\t« montagne » ',
};

describe('SCDL_DELIBERATIONS_FIELDS', () => {
  it('lists the schema fields in order', () => {
    const schema = JSON.parse(readFileSync(path.join(sharedDir, 'schemas/scdl-deliberations-2.1.5.schema.json'), 'utf8'));
    expect(SCDL_DELIBERATIONS_FIELDS).toEqual(schema.fields.map((f: { name: string }) => f.name));
  });
});

describe(buildDeliberationRow.name, () => {
  it('fills a complete row', () => {
    const { row, warnings } = buildDeliberationRow({
      ...base,
      prefectureId: 'PREF086',
      prefectureDate: '2026-02-14',
      votes: { effectif: 19, reel: 18, pour: 15, contre: 2, abstention: 1 },
      budget: { annee: '2026', nom: 'Budget principal' },
      documentUrl: 'https://data.example.org/deliberations/2026_042.pdf',
    });
    expect(warnings).toEqual([]);
    expect(row).toEqual({
      COLL_NOM: 'Ville de Poitiers',
      COLL_SIRET: '21860194600013',
      DELIB_ID: '2026_042',
      DELIB_DATE: '2026-02-12',
      DELIB_MATIERE_CODE: '8.4',
      DELIB_MATIERE_NOM: 'domaines de compétences par thèmes/aménagement du territoire',
      DELIB_OBJET: 'Lancement d’une démarche partenariale « montagne »',
      BUDGET_ANNEE: '2026',
      BUDGET_NOM: 'Budget principal',
      PREF_ID: 'PREF086',
      PREF_DATE: '2026-02-14',
      VOTE_EFFECTIF: '19',
      VOTE_REEL: '18',
      VOTE_POUR: '15',
      VOTE_CONTRE: '2',
      VOTE_ABSTENTION: '1',
      DELIB_URL: 'https://data.example.org/deliberations/2026_042.pdf',
    });
  });

  it('leaves optional fields empty when unknown', () => {
    const { row, warnings } = buildDeliberationRow(base);
    expect(warnings).toEqual([]);
    expect(Object.keys(row)).toEqual([...SCDL_DELIBERATIONS_FIELDS]);
    for (const f of ['BUDGET_ANNEE', 'BUDGET_NOM', 'PREF_ID', 'PREF_DATE', 'VOTE_EFFECTIF', 'VOTE_ABSTENTION', 'DELIB_URL'] as const) {
      expect(row[f]).toBe('');
    }
  });

  it.each([
    [{ effectif: 19, reel: 18, pour: 15, contre: 2, abstention: 2 }],
    [{ effectif: 17, reel: 18, pour: 15, contre: 2, abstention: 1 }],
    [{ effectif: 19, reel: 18, pour: 15.5, contre: 1.5, abstention: 1 }],
    [{ effectif: 19, reel: 0, pour: 1, contre: -1, abstention: 0 }],
  ])('leaves all five votes empty when incoherent: %j', (votes) => {
    const { row, warnings } = buildDeliberationRow({ ...base, votes });
    expect([row.VOTE_EFFECTIF, row.VOTE_REEL, row.VOTE_POUR, row.VOTE_CONTRE, row.VOTE_ABSTENTION].join('')).toBe('');
    expect(warnings).toEqual([expect.stringMatching(/^VOTE_\*/)]);
  });

  it('never writes a prefecture date earlier than the decision', () => {
    const earlier = buildDeliberationRow({ ...base, prefectureDate: '2026-02-11' });
    expect(earlier.row.PREF_DATE).toBe('');
    expect(earlier.warnings).toEqual([expect.stringMatching(/^PREF_DATE/)]);
    expect(buildDeliberationRow({ ...base, prefectureDate: '2026-02-12' }).row.PREF_DATE).toBe('2026-02-12');
  });

  it('reports what it cannot publish', () => {
    const { row, warnings } = buildDeliberationRow({
      ...base,
      collectivitySiret: '21860194600014',
      decisionDate: '2026-02-30',
      matieres: [9, 9],
      prefectureId: 'PREF86',
      budget: { annee: '2027/2026', nom: 'Budget principal' },
      documentUrl: 'deliberations/2026_042.pdf',
    });
    expect(row).toMatchObject({ COLL_SIRET: '', DELIB_DATE: '', DELIB_MATIERE_CODE: '', DELIB_MATIERE_NOM: '', PREF_ID: '' });
    expect(row).toMatchObject({ BUDGET_ANNEE: '', BUDGET_NOM: '', DELIB_URL: '' });
    expect(warnings.map((w) => w.split(':')[0])).toEqual([
      'COLL_SIRET',
      'DELIB_DATE',
      'DELIB_MATIERE_CODE',
      'BUDGET_ANNEE',
      'PREF_ID',
      'DELIB_URL',
    ]);
  });

  it('accepts sub-prefecture, SGAR and Corsican prefecture ids, and budget intervals', () => {
    for (const prefectureId of ['SPREF0292', 'SGAR035', 'PREF02A']) {
      expect(buildDeliberationRow({ ...base, prefectureId }).row.PREF_ID).toBe(prefectureId);
    }
    expect(buildDeliberationRow({ ...base, budget: { annee: '2026/2027', nom: 'Eau' } }).row.BUDGET_ANNEE).toBe('2026/2027');
  });

  it('reports a missing SIRET and classification', () => {
    const { warnings } = buildDeliberationRow({ ...base, collectivitySiret: null, matieres: [7] });
    expect(warnings.map((w) => w.split(':')[0])).toEqual(['COLL_SIRET', 'DELIB_MATIERE_CODE']);
  });
});
