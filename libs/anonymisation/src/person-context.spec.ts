import { inPersonnelMatter, organisationBefore, privateCue, roleCue } from './person-context';
import { foldAligned } from './text';

/** Runs a cue on the folded text around the first occurrence of `name` (with its civility, as mentions are read). */
function around<T>(text: string, name: string, cue: (folded: string, start: number, end: number) => T): T {
  const start = text.indexOf(name);
  return cue(foldAligned(text), start, start + name.length);
}

describe(roleCue.name, () => {
  it('reads the function named after or before the name', () => {
    expect(around('M. Paul ROBIN, adjoint au maire, présente', 'Paul ROBIN', roleCue)).toBe('elected');
    expect(around('Mme Sylvie ROUX, adjointe technique principale', 'Sylvie ROUX', roleCue)).toBe('agent');
    expect(around('Le Maire,\nYannick NADESAN', 'Yannick NADESAN', roleCue)).toBe('elected');
    expect(around("désigne Maître X en qualité d'avocat", 'X', roleCue)).toBe('professional');
    expect(around("l'entreprise COLAS, représentée par M. Thierry VASSEUR", 'M. Thierry VASSEUR', roleCue)).toBe('professional');
    expect(around('M. Gérard GRIMAUD, décédé le 31 juillet 2016, Conseiller Municipal', 'Gérard GRIMAUD', roleCue)).toBe('elected');
  });
  it('finds nothing in a plain sentence', () => {
    expect(around('Madame le maire passe la parole à M. Paul ROBIN qui explique', 'Paul ROBIN', roleCue)).toBeUndefined();
  });
});

describe(privateCue.name, () => {
  it('is strong for transactions, property, civil status and contact details', () => {
    expect(around('céder la remorque immatriculée AA-140-YM\nà Monsieur Mathis PERRIN', 'Monsieur Mathis PERRIN', privateCue)).toBe('strong');
    expect(around('appartenant à Monsieur et Madame HOUDART', 'Monsieur et Madame HOUDART', privateCue)).toBe('strong');
    expect(around('M. Kévin DUPRAT, demeurant 14 rue', 'M. Kévin DUPRAT', privateCue)).toBe('strong');
    expect(around('la SCI 2FTH, représentée par M. Laurent CHAPUIS', 'M. Laurent CHAPUIS', privateCue)).toBe('strong');
  });
  it('is weak for a letter or a request, and absent when the maire merely gives the floor', () => {
    expect(around('la lettre de M. Yannick BRAULT', 'M. Yannick BRAULT', privateCue)).toBe('weak');
    expect(around('la vente. Madame le Maire passe la parole à M. CARRETERO', 'M. CARRETERO', privateCue)).toBeUndefined();
    expect(around('la commune, représentée par M. Jean ROUX', 'M. Jean ROUX', privateCue)).toBeUndefined();
  });
});

describe(organisationBefore.name, () => {
  it('tells names of places and businesses', () => {
    expect(around('réunis salle Simone Veil', 'Simone Veil', (f, s) => organisationBefore(f, s))).toBe('place');
    expect(around("demander à l’institut\nCharles Quentin", 'Charles Quentin', (f, s) => organisationBefore(f, s))).toBe('place');
    expect(around('la SASU Eric MARCHAND sollicite', 'Eric MARCHAND', (f, s) => organisationBefore(f, s))).toBe('business');
    expect(around('le courrier de Jean MARTIN', 'Jean MARTIN', (f, s) => organisationBefore(f, s))).toBeUndefined();
  });
});

describe(inPersonnelMatter.name, () => {
  it('is true for an individual career, pay or health matter, not for a speaker presenting a report', () => {
    expect(around('Mme Sandrine COLIN est placée en congé de longue maladie', 'Sandrine COLIN', inPersonnelMatter)).toBe(true);
    expect(around('M. Didier FAURE, DGS, présente le rapport sur le régime indemnitaire', 'Didier FAURE', inPersonnelMatter)).toBe(false);
    expect(around('Mme Anne ROUX remercie les agents', 'Anne ROUX', inPersonnelMatter)).toBe(false);
  });
});
