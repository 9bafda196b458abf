import { looksLikeFullName, nameParts, readName, type NameSource } from './name-phrases';
import { tokenize } from './tokens';

function source(text: string): NameSource {
  const tokens = tokenize(text);
  return { text, tokens, blocked: tokens.map(() => false) };
}

/** The name read at the first token, as written, and its parts. */
function read(text: string, afterCivility = false): { name?: string; parts?: ReturnType<typeof nameParts> } {
  const src = source(text);
  const phrase = readName(src, 0, afterCivility);
  if (!phrase) return {};
  const first = src.tokens[phrase.first];
  const last = src.tokens[phrase.last];
  return { name: text.slice(first?.start, last?.end), parts: nameParts(src.tokens, phrase) };
}

describe(readName.name, () => {
  it('reads given names and surname in either order, with particles and compound names', () => {
    expect(read('Jean DUPONT, maire').name).toBe('Jean DUPONT');
    expect(read('DUPONT Jean-Marie quitte la séance').name).toBe('DUPONT Jean-Marie');
    expect(read('Guy de DURFORT.').name).toBe('Guy de DURFORT');
    expect(read('DA SILVA Christophe,').name).toBe('DA SILVA Christophe');
    expect(read("Jean D'ALMEIDA et").name).toBe("Jean D'ALMEIDA");
    expect(read('Julien et Aurélie MASSON –').name).toBe('Julien et Aurélie MASSON');
    expect(read('JF GOURDIN -').name).toBe('JF GOURDIN');
  });
  it('follows a name over a line break only where the name is not complete', () => {
    expect(read('Michel\nLEBLANC, Madame').name).toBe('Michel\nLEBLANC');
    expect(read('CORDIER\nMontant : 173 €').name).toBe('CORDIER');
  });
  it('stops at a third word after a complete name, and at function words', () => {
    expect(read('Jacques GIRAUD Approbation du CR').name).toBe('Jacques GIRAUD');
    expect(read('Maire de la commune').name).toBeUndefined();
  });
  it('lets a common word be a surname after a civility, not start a name elsewhere', () => {
    expect(read('PAGE 3').name).toBeUndefined();
    expect(read('PAGE, demeurant', true).name).toBe('PAGE');
  });
});

describe(nameParts.name, () => {
  it('tells given names from surnames by case, or by the gazetteer when the case does not', () => {
    expect(read('Jean-Marie MARTIN').parts).toEqual({ given: ['jean-marie'], surnames: ['martin'], initials: [] });
    expect(read('Bouche Jean-Louis').parts).toEqual({ given: ['jean-louis'], surnames: ['bouche'], initials: [] });
    expect(read('E.BOURSIN').parts).toEqual({ given: [], surnames: ['boursin'], initials: ['e'] });
  });
});

describe(looksLikeFullName.name, () => {
  it('is strong for a known given name with a surname in capitals, weak in title case', () => {
    const kind = (text: string): string | undefined => {
      const src = source(text);
      const phrase = readName(src, 0);
      return phrase && looksLikeFullName(src.tokens, phrase);
    };
    expect(kind('Sylvain GOUPIL')).toBe('strong');
    expect(kind('Christine Caillot')).toBe('weak');
    expect(kind('Agence ONF')).toBeUndefined();
  });
});
