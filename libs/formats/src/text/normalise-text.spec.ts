import { normaliseDocumentText, PAGE_BREAK, pageAt } from './normalise-text';

const pageTexts = (raw: string[]) => {
  const doc = normaliseDocumentText(raw);
  return doc.pages.map((p) => doc.text.slice(p.start, p.end));
};

describe(normaliseDocumentText.name, () => {
  it('composes to NFC, unifies spaces and drops control and zero-width characters', () => {
    const [page] = pageTexts(['  De\u0301libe\u0301ration\u00a0n°\u202f12 \t: vote\u200b \r\nPour\u0007 :  15  ']);
    expect(page).toBe('Délibération n° 12 : vote\nPour\ufffd : 15');
    expect(page).toBe(page.normalize('NFC'));
  });

  it('joins words cut by a hyphen at a line end, and keeps real hyphens', () => {
    const [page] = pageTexts([
      [
        'Après en avoir dé-',
        'libéré, le conseil de Saint-',
        'Malo approuve la sous-',
        'préfecture, celle-',
        'ci, vingt-',
        'deux, pour 2024-',
        '2026 et le mot cou\u00ad',
        'pé.',
        'Ligne finie par un tiret -',
        'seul.',
      ].join('\n'),
    ]);
    expect(page.split('\n')).toEqual([
      'Après en avoir délibéré,',
      'le conseil de Saint-Malo',
      'approuve la sous-préfecture,',
      'celle-ci,',
      'vingt-deux,',
      'pour 2024-2026',
      'et le mot coupé.',
      'Ligne finie par un tiret -',
      'seul.',
    ]);
  });

  it('completes a word cut at the end of a page on that page', () => {
    expect(pageTexts(['Le conseil municipal, après en avoir dé-', 'libéré à l’unanimité,\nDÉCIDE'])).toEqual([
      'Le conseil municipal, après en avoir délibéré',
      'à l’unanimité,\nDÉCIDE',
    ]);
  });

  it('removes page numbers in the margins, whatever their form', () => {
    const body = (n: number) => ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((l) => `ligne ${l} de la page ${'IVX'.slice(0, n)}`);
    const pages = pageTexts([
      ['Page 1/4', ...body(1)].join('\n'),
      [...body(2), '- 2 -'].join('\n'),
      [...body(3), '3 / 4'].join('\n'),
      [...body(4), '4'].join('\n'),
    ]);
    expect(pages).toEqual([1, 2, 3, 4].map((n) => body(n).join('\n')));
  });

  it('keeps numbers that are not in page order, such as a decision number', () => {
    const [page] = pageTexts(['DECISION\n71/2017\nVotants :\n17\nligne\nligne\nligne\nligne\n5']);
    expect(page).toBe('DECISION\n71/2017\nVotants :\n17\nligne\nligne\nligne\nligne\n5');
  });

  it('counts bare numbers as page numbers when they follow the pages, from any first number', () => {
    const pages = pageTexts(['Vote : Pour à l’unanimité\n13', '14. Raccordement au réseau\n14', 'Suite\n15']);
    expect(pages).toEqual(['Vote : Pour à l’unanimité', '14. Raccordement au réseau', 'Suite']);
  });

  it('removes running headers and footers, keeping the first header that carries no page number', () => {
    const header = 'COMMUNE DE KERHERVÉ - Séance du 12 mars 2026';
    const footer = (n: number) => `Délibération n° 2026_004 - page ${n}/3`;
    const pages = pageTexts([1, 2, 3].map((n) => [header, `Corps ${'IVX'.slice(0, n)}`, footer(n)].join('\n')));
    expect(pages).toEqual([`${header}\nCorps I`, 'Corps IV', 'Corps IVX']);
  });

  it('leaves lines that recur on only a few pages', () => {
    const pages = pageTexts(['DÉCIDE\nun', 'deux', 'trois', 'DÉCIDE\nquatre']);
    expect(pages).toEqual(['DÉCIDE\nun', 'deux', 'trois', 'DÉCIDE\nquatre']);
  });

  it('keeps page spans that map offsets back to pages', () => {
    const doc = normaliseDocumentText(['alpha\nbeta', '', 'gamma']);
    expect(doc.text).toBe(`alpha\nbeta${PAGE_BREAK}${PAGE_BREAK}gamma`);
    expect(doc.pages.map((p) => [p.index, doc.text.slice(p.start, p.end)])).toEqual([
      [0, 'alpha\nbeta'],
      [1, ''],
      [2, 'gamma'],
    ]);
    expect(pageAt(doc, doc.text.indexOf('beta'))).toBe(0);
    expect(pageAt(doc, doc.text.indexOf('gamma'))).toBe(2);
    expect(pageAt(doc, doc.text.length)).toBe(2);
  });

  it('gives an empty text with no page for no page', () => {
    expect(normaliseDocumentText([])).toEqual({ text: '', pages: [] });
  });
});
