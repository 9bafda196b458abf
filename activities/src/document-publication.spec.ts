import { PAGE_BREAK } from '@openactes/formats';
import { layoutPages } from './document-publication';

describe(layoutPages.name, () => {
  it('keeps the pages of the text and wraps long lines at spaces', () => {
    const text = `Titre\nLe conseil municipal décide de céder la parcelle à [Personne 1]${PAGE_BREAK}Page deux`;
    expect(layoutPages(text, 30)).toEqual([['Titre', 'Le conseil municipal décide de', 'céder la parcelle à [Personne', '1]'], ['Page deux']]);
  });

  it('splits a page longer than a PDF page, and cuts a word longer than a line', () => {
    expect(layoutPages('a\nb\nc', 10, 2)).toEqual([['a', 'b'], ['c']]);
    expect(layoutPages('x'.repeat(25), 10)).toEqual([['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]]);
  });
});
