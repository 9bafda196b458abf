import { pseudonymise } from './pseudonymise';
import type { Span } from './spans';

describe(pseudonymise.name, () => {
  it('numbers placeholders per entity in order of appearance and leaves kept spans', () => {
    const text = 'A: Dupont, 3 rue X. B: Martin. C: Dupont, 3 rue X. Le Maire, Jean Roux. Tél 06 12 34 56 78.';
    const span = (surface: string, from: number, label: Span['label'], entity?: string, action: Span['action'] = 'redact'): Span => {
      const start = text.indexOf(surface, from);
      return { start, end: start + surface.length, label, action, confidence: 1, entity };
    };
    const spans = [
      span('Dupont', 0, 'PERSON', 'p1'),
      span('3 rue X', 0, 'ADDRESS'),
      span('Martin', 0, 'PERSON', 'p2'),
      span('Dupont', 30, 'PERSON', 'p1'),
      span('3 rue X', 30, 'ADDRESS'),
      span('Jean Roux', 0, 'PERSON', 'p3', 'keep'),
      span('06 12 34 56 78', 0, 'PHONE'),
    ];
    const result = pseudonymise(text, spans);
    expect(result.text).toBe(
      'A: [Personne 1], [Adresse 1]. B: [Personne 2]. C: [Personne 1], [Adresse 1]. Le Maire, Jean Roux. Tél [Téléphone].',
    );
    expect(result.entities).toEqual(['person-1', 'address-1', 'person-2', 'person-1', 'address-1', 'person-3', 'phone-1']);
  });
});
