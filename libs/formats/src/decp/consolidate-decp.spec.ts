import { consolidateDecp } from './consolidate-decp';
import { readSampleWithRealSirets, TEST_TODAY } from './decp-samples.testing';
import { recordSchema } from './decp-schema';
import type { DecpMarche, DecpRecord } from './decp-types';
import { normaliseDecp } from './normalise-decp';

const recordsOf = (file: string) => normaliseDecp(readSampleWithRealSirets(`official-examples/${file}`), { today: TEST_TODAY }).records;

/** The first official marché (TEST2022, buyer 21690123100011 once its placeholder is replaced), as published. */
const officialMarche = () => structuredClone(recordsOf('marches_avec_modifications.json')[0].data as DecpMarche);
const version = (recordId: string, data: DecpMarche): DecpRecord => ({ recordId, kind: 'marche', data });

describe(consolidateDecp.name, () => {
  it('merges the identical records of the official XML examples into one contract each', () => {
    const marches = consolidateDecp(recordsOf('Marche.xml'));
    expect(marches.marches).toHaveLength(1);
    expect(marches.merged).toEqual([{ uid: '21750001630040TEST2022', kind: 'marche', recordIds: ['Marche.xml#/marches/marche/0', 'Marche.xml#/marches/marche/1'] }]);
    expect(consolidateDecp(recordsOf('Contrat-concession-modification.xml')).merged).toHaveLength(1);
  });

  it('keeps apart contracts that differ by buyer or by kind', () => {
    const { marches, merged } = consolidateDecp(recordsOf('marches_concessions.json'));
    expect(merged).toEqual([]);
    expect(marches.map((c) => `${c.kind} ${c.uid}`)).toEqual([
      'contrat-concession 215002221000120612202306122024',
      'marche 21690123100011TEST2022',
      'marche 21750001630040TEST2022Bis',
      'contrat-concession 221300015002470612202306122023',
    ]);
    const sameKey = recordsOf('concessions.json').map((record) => ({ ...record, data: { ...record.data, id: 'X1', autoriteConcedante: { id: '21690123100011' } } }));
    const marche = version('m#', { ...officialMarche(), id: 'X1' });
    expect(consolidateDecp([...sameKey, marche] as DecpRecord[]).marches.map((c) => `${c.kind} ${c.uid}`)).toEqual([
      'contrat-concession 21690123100011X1',
      'marche 21690123100011X1',
    ]);
  });

  it('applies the modifications of a concession in order: the current state carries the last duration and value', () => {
    const [contract] = consolidateDecp(recordsOf('Contrat-concession-modification.xml')).marches;
    expect(contract.states.map(({ modificationId, date, dureeMois, amount }) => ({ modificationId, date, dureeMois, amount }))).toEqual([
      { modificationId: 0, date: '2024-04-02', dureeMois: 12, amount: 10.3 },
      { modificationId: 1, date: '2024-04-19', dureeMois: 14, amount: 25 },
    ]);
    expect(contract.current).toBe(contract.states[1]);
    expect(contract.current.holders.map((h) => h.id)).toEqual(['38103128500491', '38103128500574']);
  });

  it('takes the latest version as the base, the union of modifications by id, and applies them in id order', () => {
    const first = officialMarche();
    const later = officialMarche();
    later.objet = 'envoi pour Json test 1 (corrigé)';
    later.modifications = [
      { modification: { id: 2, dateNotificationModification: '2024-09-01', datePublicationDonneesModification: '2024-09-05', montant: 600000 } },
      ...(first.modifications ?? []),
    ];
    const earlier = officialMarche();
    earlier.modifications = [{ modification: { id: 1, dateNotificationModification: '2022-10-18', datePublicationDonneesModification: '2022-10-20', dureeMois: 99 } }];

    const { marches, merged } = consolidateDecp([version('b#v2', later), version('a#v1', earlier)]);
    expect(merged).toEqual([{ uid: '21690123100011TEST2022', kind: 'marche', recordIds: ['a#v1', 'b#v2'] }]);
    const [contract] = marches;
    expect(contract.data.objet).toBe('envoi pour Json test 1 (corrigé)');
    // Same id in both versions: the latest version's modification wins.
    expect(contract.data.modifications?.map((m) => [m.modification.id, m.modification.dureeMois])).toEqual([
      [1, 12],
      [2, undefined],
    ]);
    expect(contract.states.map(({ modificationId, dureeMois, amount, holders }) => [modificationId, dureeMois, amount, holders.map((h) => h.id)])).toEqual([
      [0, 48, 575000, ['55204599900869']],
      [1, 12, 123457.87, ['43486131600017']],
      [2, 12, 600000, ['43486131600017']],
    ]);
    expect(Object.keys(contract.data)).toEqual(Object.keys(recordSchema('marche').properties!).filter((key) => key in contract.data));
  });

  it('keeps sub-contracting acts from every version and omits lists that stay empty', () => {
    const withoutActs = officialMarche();
    delete withoutActs.actesSousTraitance;
    delete withoutActs.modificationsActesSousTraitance;
    delete withoutActs.modifications;
    const { marches } = consolidateDecp([version('a#', withoutActs), version('b#', { ...withoutActs, datePublicationDonnees: '2024-05-26' })]);
    expect(Object.keys(marches[0].data)).not.toEqual(expect.arrayContaining(['actesSousTraitance']));
    expect(marches[0].states).toHaveLength(1);

    const withActs = officialMarche();
    const merged = consolidateDecp([version('a#', withActs), version('b#', { ...withoutActs, datePublicationDonnees: '2024-06-01' })]).marches[0].data as DecpMarche;
    expect(merged.actesSousTraitance).toEqual(withActs.actesSousTraitance);
    expect(merged.modifications).toEqual(withActs.modifications);
  });
});
