import { fold, foldAligned, windowAfter, windowBefore } from './text';

describe(fold.name, () => {
  it('lower-cases, strips diacritics (composed or not) and straightens apostrophes', () => {
    expect(fold('Élisabeth D’ALMEIDA')).toBe("elisabeth d'almeida");
    expect(fold('e\u0301te\u0301')).toBe('ete');
  });
});

describe(foldAligned.name, () => {
  it('folds code unit by code unit, keeping every offset', () => {
    const text = 'Mme Hélène D’ALMEIDA, ŒUVRE Ÿ — İ';
    const folded = foldAligned(text);
    expect(folded).toHaveLength(text.length);
    expect(folded).toBe("mme helene d'almeida, œuvre y — i");
  });
});

describe(windowBefore.name, () => {
  it('stops at the last match of the stop pattern', () => {
    expect(windowBefore('Vente. Cession à M. X', 17, 100, /[.;](?:\s|$)/)).toBe('Cession à ');
  });
});

describe(windowAfter.name, () => {
  it('stops at the first match of the stop pattern', () => {
    expect(windowAfter('X, demeurant ici. Puis', 1, 100, /[.;](?:\s|$)/)).toBe(', demeurant ici');
  });
});
