import { tokenize } from './tokens';

describe(tokenize.name, () => {
  it('gives words with their offsets, folded key and shape', () => {
    const tokens = tokenize('M. Jean DUPONT, né en 1950');
    expect(tokens.map((t) => [t.text, t.start, t.key, t.shape])).toEqual([
      ['M', 0, 'm', 'initial'],
      ['Jean', 3, 'jean', 'title'],
      ['DUPONT', 8, 'dupont', 'upper'],
      ['né', 16, 'ne', 'lower'],
      ['en', 19, 'en', 'lower'],
      ['1950', 22, '1950', 'number'],
    ]);
  });
  it('splits words glued by extraction and joins hyphenated line breaks', () => {
    expect(tokenize('GuyVERDON, Marie-\nAlice').map((t) => [t.text, t.key, t.shape])).toEqual([
      ['Guy', 'guy', 'title'],
      ['VERDON', 'verdon', 'upper'],
      ['Marie-Alice', 'marie-alice', 'title'],
    ]);
  });
});
