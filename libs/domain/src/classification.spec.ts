import { Classification, compareClassificationCodes, labelFor } from '@openactes/domain';

describe(compareClassificationCodes.name, () => {
  it('compares the parts as numbers', () => {
    expect(['7.10', '7.9', '10.1', '7.1', '7.1.2', '1.1'].sort(compareClassificationCodes)).toEqual(['1.1', '7.1', '7.1.2', '7.9', '7.10', '10.1']);
    expect(compareClassificationCodes('7.10', '7.10')).toBe(0);
    expect(compareClassificationCodes('7.10', '7.9')).toBe(1);
  });
});

describe(labelFor.name, () => {
  const classification: Classification = {
    date: '2017-12-08',
    natures: [],
    matieres: [
      {
        code: 1,
        label: 'Commande Publique',
        children: [{ code: 1, label: 'Marchés publics', children: [{ code: 9, label: 'MAPA', children: [] }] }],
      },
      { code: 7, label: 'Finances locales', children: [{ code: 10, label: 'Divers', children: [] }] },
    ],
  };

  it('finds the label of the deepest level of a code', () => {
    expect(labelFor(classification, '1.1.9')).toBe('MAPA');
    expect(labelFor(classification, '1.1')).toBe('Marchés publics');
    expect(labelFor(classification, [7, 10])).toBe('Divers');
  });

  it('returns undefined for a code the classification lacks', () => {
    expect(labelFor(classification, '7.1')).toBeUndefined();
    expect(labelFor(classification, '1.1.9.2')).toBeUndefined();
    expect(labelFor(classification, 'x')).toBeUndefined();
  });
});
