import { readDecp } from '@openactes/formats';
import { buyerSirensOf } from './procurement-ingestion';

const doc = (marches: unknown) => readDecp(Buffer.from(JSON.stringify({ marches })), 'test.json');

describe(buyerSirensOf.name, () => {
  it('names the buyers of marchés and the autorités concédantes of concessions, once each, sorted', () => {
    expect(
      buyerSirensOf(
        doc({
          marche: [{ id: '1', acheteur: { id: '21690123100011' } }, { id: '2', acheteur: { id: '21690123100011' } }],
          'contrat-concession': [{ id: '3', autoriteConcedante: { id: '21500222100012' } }],
        }),
      ),
    ).toEqual(['215002221', '216901231']);
  });

  it('reads the ids as the normaliser will: spaces dropped, a number that lost its leading zero padded, a legacy dotted key', () => {
    // 01234567800016 is not a valid SIRET: its record will be rejected, so it names nobody; 00000000000018 is valid once padded.
    expect(buyerSirensOf(doc({ marche: [{ acheteur: { id: '216 901 231 00011' } }, { acheteur: { id: 18 } }, { acheteur: { id: 1234567800016 } }] }))).toEqual([
      '000000000',
      '216901231',
    ]);
    expect(buyerSirensOf(doc([{ _type: 'Marché', 'acheteur.id': '21500222100012' }]))).toEqual(['215002221']);
  });

  it('ignores what cannot be a SIRET (the record is rejected, never published)', () => {
    expect(buyerSirensOf(doc({ marche: [{ acheteur: { id: 'Ville de Lyon' } }, { acheteur: null }, 'not a record'] }))).toEqual([]);
  });
});
