import { rosterRegions } from './rosters';
import { tokenize } from './tokens';

/** The words of each roster region. */
function regions(text: string): string[] {
  const tokens = tokenize(text);
  return rosterRegions(text, tokens).map((r) => tokens.slice(r.from, r.to).map((t) => t.text).join(' '));
}

describe(rosterRegions.name, () => {
  it('spans the lists after attendance headers, vote lists and "sous la présidence de"', () => {
    expect(regions('sous la présidence de M. Jean ROUX, maire.\nPrésents : Mme Anne LEROY, M. Paul VIDAL.\nLe maire ouvre la séance.')).toEqual([
      'M Jean ROUX maire',
      'Mme Anne LEROY M Paul VIDAL',
    ]);
    expect(regions('Absents ayant donné procuration à :\nM. X donne procuration à M. Y,\nPour : 12 (M. Z)')).toEqual(['M X donne procuration à M Y', '12 M Z']);
  });
  it('ends where prose starts again, cut back to the segment it starts in', () => {
    expect(regions('Secrétaire de séance : M. Jean ROUX\nM. et Mme DUPONT ont demandé une aide.')).toEqual(['M Jean ROUX']);
    expect(regions('Présents : Jean ROUX, Anne LEROY, formant la majorité des membres')).toEqual(['Jean ROUX Anne LEROY']);
  });
  it('ends at a numbered item or a blank line, unless the next line goes on with proxies', () => {
    expect(regions('Présents : Jean ROUX\n1. Subvention : M. Yves PICARD')).toEqual(['Jean ROUX']);
    expect(regions('Procurations :\n\nMme A donne procuration à M. B,\n\nM. C donne procuration à Mme D,\n\nLe quorum est atteint.')).toEqual([
      'Mme A donne procuration à M B M C donne procuration à Mme D',
    ]);
  });
  it('reads the header row of an attendance table', () => {
    expect(regions('NOM Prénom\tPrésent\tAbsent\nDUPONT Jean\tX\nMARTIN Anne\t\tX\n\nLe maire expose.')).toEqual(['DUPONT Jean X MARTIN Anne X']);
  });
  it('ignores words that only look like headers', () => {
    expect(regions('Pour répondre aux besoins : M. X. Les pouvoirs de police du maire : aucun.')).toEqual([]);
  });
});
