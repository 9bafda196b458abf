import { detectParcels } from './parcels';
import type { Span } from './spans';

describe(detectParcels.name, () => {
  const found = (text: string, addresses: Span[] = []): [string, string][] => detectParcels(text, addresses).map((s) => [text.slice(s.start, s.end), s.action]);

  it('reads lists of references after a cadastral cue', () => {
    expect(found('parcelles cadastrées B2341,\nB2342 et B2356 recevant')).toEqual([
      ['B2341', 'redact'],
      ['B2342', 'redact'],
      ['B2356', 'redact'],
    ]);
    expect(found('la parcelle n°\nA171, d’une superficie de 796 m2')).toEqual([['A171', 'redact']]);
    expect(found('le terrain ZC 12p de 10 ares, le terrain de football')).toEqual([['ZC 12p', 'redact']]);
    expect(found('les propriétaires de la parcelle voisine AH 114, contactés')).toEqual([['AH 114', 'redact']]);
    expect(found('cadastrée section ZA n° 12 et 13')).toEqual([
      ['ZA n° 12', 'redact'],
      ['13', 'redact'],
    ]);
  });
  it('keeps parcels of the commune or under the forest regime', () => {
    expect(found('la parcelle appartenant à la commune cadastrée B1865.')).toEqual([['B1865', 'keep']]);
    expect(found('LES CROUZETTES PARCELLE B 1005 : Application du régime forestier.')).toEqual([['B 1005', 'keep']]);
  });
  it('takes bare two-letter references on a line holding a private address', () => {
    const text = 'M. X – 3, rue des Cordeliers – PC 20 C 0041 – AB 311, AB 542\nRD 12 – AB 7';
    const address: Span = { start: 6, end: 27, label: 'ADDRESS', action: 'redact', confidence: 0.9 };
    expect(found(text, [address])).toEqual([
      ['AB 311', 'redact'],
      ['AB 542', 'redact'],
    ]);
  });
});
