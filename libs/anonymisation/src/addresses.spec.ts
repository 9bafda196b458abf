import { detectAddresses } from './addresses';

describe(detectAddresses.name, () => {
  const found = (text: string): [string, string][] => detectAddresses(text).map((s) => [text.slice(s.start, s.end), s.action]);

  it('spans number, street type and street name, without postcode or amounts', () => {
    expect(found('demeurant 17 bis rue du Moulin 60350 COULOISY')).toEqual([['17 bis rue du Moulin', 'redact']]);
    expect(found('M. X\n11, Sente du Puits Barré 4023.64 € TTC')).toEqual([['11, Sente du Puits Barré', 'redact']]);
    expect(found('3-5, rue des Cordeliers – PC')).toEqual([['3-5, rue des Cordeliers', 'redact']]);
    expect(found('au 18, Rue du Bois d’Haucourt\n60350')).toEqual([['18, Rue du Bois d’Haucourt', 'redact']]);
    expect(found('domicilié 2 avenue du 8 Mai 1945, Rennes')).toEqual([['2 avenue du 8 Mai 1945', 'redact']]);
    expect(found('au n° 12 impasse des Trois Chênes')).toEqual([['n° 12 impasse des Trois Chênes', 'redact']]);
  });
  it('keeps company seats and commune property, and takes no year for a house number', () => {
    expect(found('dont le siège social est situé 1 rue de la fontaine - 60350')).toEqual([['1 rue de la fontaine', 'keep']]);
    expect(found('la parcelle appartenant à la commune cadastrée B2388, au 4 rue Napoléon.')).toEqual([['4 rue Napoléon', 'keep']]);
    expect(found('le dépôt constaté en 2022 chemin de la Muette')).toEqual([]);
  });
});
