import { measureTextLayer, MIN_LETTERS_PER_PAGE } from './text-layer';

const typedPage = [
  'Le conseil municipal, régulièrement convoqué, s’est réuni à la mairie sous la présidence du Maire.',
  'Vu le code général des collectivités territoriales, notamment son article L. 2121-29 ;',
  'Considérant que les crédits nécessaires sont inscrits au budget de l’exercice en cours ;',
  'Après en avoir délibéré, le conseil municipal DÉCIDE de lancer une étude de revitalisation du centre-bourg.',
  'Nombre de membres en exercice : 19 ; présents : 15 ; votants : 17. Adopté à l’unanimité.',
].join('\n');
const stamp = 'Envoyé en préfecture le 05/03/2026\nReçu en préfecture le 05/03/2026\nID : 035-213500000-20260305-2026_001-DE';

describe(measureTextLayer.name, () => {
  it('trusts a typed text layer', () => {
    const m = measureTextLayer([typedPage, typedPage]);
    expect(m.needsOcr).toBe(false);
    expect(m.sparsePages).toEqual([]);
    expect(m.garbageRatio).toBe(0);
    expect(m.frenchWordShare).toBeGreaterThan(0.2);
    expect(m.pages[0].letters).toBeGreaterThan(MIN_LETTERS_PER_PAGE);
    expect(m.charactersPerPage).toBe(m.pages[0].characters);
  });

  it('flags pages without text, or with only a transmission stamp, as scans', () => {
    expect(measureTextLayer(['', '  \n ']).needsOcr).toBe(true);
    expect(measureTextLayer([stamp]).needsOcr).toBe(true);
    expect(measureTextLayer([]).needsOcr).toBe(true);
    const m = measureTextLayer([stamp, typedPage, stamp]);
    expect(m.sparsePages).toEqual([0, 2]);
    expect(m.needsOcr).toBe(true);
  });

  it('accepts a short last page, such as a signature page', () => {
    const m = measureTextLayer([typedPage, 'Fait à Kerhervé, le 12 mars 2026\nLe Maire']);
    expect(m.sparsePages).toEqual([1]);
    expect(m.needsOcr).toBe(false);
  });

  it('counts replacement, private-use and control characters, and other scripts, as garbage, but not bullets nor n°', () => {
    expect(measureTextLayer(['n° 12 ▪ 3 € ● §']).pages[0].garbage).toBe(0);
    const m = measureTextLayer(['\ufffd\ue001\u0007Ж Le']);
    expect(m.pages[0]).toMatchObject({ characters: 6, letters: 2, garbage: 4 });
    const broken = measureTextLayer([typedPage.replace(/[a-z]/g, '\ufffd')]);
    expect(broken.needsOcr).toBe(true);
  });

  it('flags letters that spell no French word, as a font with a wrong encoding gives', () => {
    const shifted = typedPage.replace(/[a-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - 97 + 7) % 26) + 97));
    const m = measureTextLayer([shifted]);
    expect(m.garbageRatio).toBe(0);
    expect(m.frenchWordShare).toBeLessThan(0.05);
    expect(m.needsOcr).toBe(true);
  });
});
