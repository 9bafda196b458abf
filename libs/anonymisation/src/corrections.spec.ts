import { anonymise } from './anonymise';
import { correctionProblems } from './corrections';

describe('reviewer corrections', () => {
  const text = 'Le conseil remercie Gwenaël Quéméner pour son aide. Gwenaël Quéméner sera invité.';

  it('adds a redaction at the span and at every other occurrence of the same words', () => {
    const start = text.indexOf('Gwenaël Quéméner');
    const result = anonymise(text, { corrections: [{ start, end: start + 'Gwenaël Quéméner'.length, action: 'redact' }] });
    expect(result.text).toBe('Le conseil remercie [Personne 1] pour son aide. [Personne 1] sera invité.');
    expect(result.entities.filter((e) => e.action === 'redact')).toHaveLength(2);
  });

  it('un-redacts what a keep correction covers, and only there', () => {
    const sale = 'Vente de la parcelle AB 12 à M. Jean-Yves KERBRAT. M. KERBRAT paiera comptant.';
    const before = anonymise(sale);
    expect(before.text).not.toContain('KERBRAT');
    const first = sale.indexOf('Jean-Yves KERBRAT');
    const after = anonymise(sale, { corrections: [{ start: first, end: first + 'Jean-Yves KERBRAT'.length, action: 'keep' }] });
    expect(after.text).toContain('M. Jean-Yves KERBRAT.');
    expect(after.text).not.toContain('M. KERBRAT paiera');
  });

  it('merges an added redaction with the redaction it overlaps and keeps the label asked for', () => {
    const phone = 'Contact : 06 39 98 12 34 poste 12.';
    const start = phone.indexOf('06');
    const end = phone.indexOf(' poste') + ' poste 12'.length;
    const result = anonymise(phone, { corrections: [{ start, end, action: 'redact', label: 'PHONE' }] });
    expect(result.text).toBe('Contact : [Téléphone].');
  });
});

describe(correctionProblems.name, () => {
  it('accepts spans within the text that do not overlap', () => {
    expect(correctionProblems([{ start: 0, end: 4 }, { start: 4, end: 9 }], 10)).toEqual([]);
  });

  it('names each out-of-range or overlapping span by its index', () => {
    expect(correctionProblems([{ start: 5, end: 12 }, { start: 2, end: 2 }, { start: 0, end: 3 }, { start: 1, end: 4 }], 10)).toEqual([
      { index: 0, problem: 'span [5, 12) is not within the text (0 to 10, end after start)' },
      { index: 1, problem: 'span [2, 2) is not within the text (0 to 10, end after start)' },
      { index: 3, problem: 'span [1, 4) overlaps correction 2 [0, 3)' },
      { index: 1, problem: 'span [2, 2) overlaps correction 3 [1, 4)' },
    ]);
  });
});
