import { detectBirthdates, detectEmails, detectIbans, detectNirs, detectPhones, detectQuasiIdentifiers } from './identifiers';
import type { Span } from './spans';

const surfaces = (text: string, spans: Span[]): string[] => spans.map((s) => text.slice(s.start, s.end));

describe(detectEmails.name, () => {
  it('redacts personal addresses and keeps the mailboxes of a service', () => {
    const text = 'Écrire à jean.dupont72@example.org ou à mairie@saint-aubin.fr.';
    const spans = detectEmails(text);
    expect(surfaces(text, spans)).toEqual(['jean.dupont72@example.org', 'mairie@saint-aubin.fr']);
    expect(spans.map((s) => s.action)).toEqual(['redact', 'keep']);
  });
});

describe(detectPhones.name, () => {
  it('finds French numbers in their usual layouts', () => {
    const text = 'Tél. 06 12 34 56 78, 02.99.11.22.33, +33 6 11 22 33 44, 0612345678 ou 01-23-45-67-89.';
    expect(surfaces(text, detectPhones(text))).toEqual(['06 12 34 56 78', '02.99.11.22.33', '+33 6 11 22 33 44', '0612345678', '01-23-45-67-89']);
  });
  it('leaves amounts, dates and longer numbers alone', () => {
    expect(detectPhones('Montant : 12 345 678 €, le 01/02/2023, SIRET 21350238800011, réf. 061234567891.')).toEqual([]);
  });
});

describe(detectIbans.name, () => {
  it('redacts a valid IBAN with full confidence, its length taken from the country', () => {
    const text = 'IBAN FR76 3000 4000 0312 3456 7890 143 ET RIB joint';
    const [span, ...rest] = detectIbans(text);
    expect(rest).toEqual([]);
    expect(span && text.slice(span.start, span.end)).toBe('FR76 3000 4000 0312 3456 7890 143');
    expect(span).toMatchObject({ label: 'IBAN', action: 'redact', confidence: 1 });
    expect(span?.reviewReason).toBeUndefined();
  });
  it('still redacts an IBAN with a bad checksum, but asks for review', () => {
    const [span] = detectIbans('compte FR76 3000 4000 0312 3456 7890 144');
    expect(span).toMatchObject({ action: 'redact', confidence: 0.6 });
    expect(span?.reviewReason).toMatch(/checksum/);
  });
});

describe(detectNirs.name, () => {
  it('redacts a NIR with a valid key, spaced or not', () => {
    const text = 'NIR 1 85 05 78 006 084 91 ; autre : 185057800608491.';
    const spans = detectNirs(text);
    expect(surfaces(text, spans)).toEqual(['1 85 05 78 006 084 91', '185057800608491']);
    expect(spans.every((s) => s.confidence === 1 && !s.reviewReason)).toBe(true);
  });
  it('redacts a NIR-shaped number with a wrong key and asks for review', () => {
    const [span] = detectNirs('Numéro : 1 85 05 78 006 084 92.');
    expect(span).toMatchObject({ label: 'NIR', action: 'redact', confidence: 0.6 });
    expect(span?.reviewReason).toMatch(/key/);
  });
  it('takes a bare 13-digit number for a NIR only where the text says so', () => {
    expect(detectNirs('n° de sécurité sociale 1850578006084')).toHaveLength(1);
    expect(detectNirs('référence 1850578006084')).toEqual([]);
  });
});

describe(detectBirthdates.name, () => {
  it('redacts the date after "né(e) le", "née à X le" and "date de naissance"', () => {
    const text = 'Mme X, née le 02/07/1961 ; M. Y, né à Rennes le 14 juin 1985 ; date de naissance : 1er mars 1950 ; Z, né en 1972. Séance du 3 mai 2024.';
    expect(surfaces(text, detectBirthdates(text))).toEqual(['02/07/1961', '14 juin 1985', '1er mars 1950', '1972']);
  });
});

describe(detectQuasiIdentifiers.name, () => {
  it('finds permit numbers, cemetery plots and phrases singling out an agent', () => {
    const text =
      'Permis PC 035 123 21 A0001 et DP 20 P 0213. Concession au carré C, emplacement n° 214. Avancement de l’agent partant en retraite en juin.';
    expect(surfaces(text, detectQuasiIdentifiers(text))).toEqual([
      'PC 035 123 21 A0001',
      'DP 20 P 0213',
      'carré C, emplacement n° 214',
      'l’agent partant en retraite en juin',
    ]);
  });
});
