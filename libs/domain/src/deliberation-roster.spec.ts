import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractRoster } from './deliberation-roster';

const SHARED = process.env.SHARED_DIR ?? path.resolve(__dirname, '../../../../shared');

interface Span {
  start: number;
  end: number;
  role: string;
  action: string;
  entity: string;
}
const devCorpus = () =>
  fs
    .readFileSync(path.join(SHARED, 'corpus/anon-dev/dev.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { id: string; text: string; spans: Span[] });

describe(extractRoster.name, () => {
  it('reads present, represented and absent members, with roles and proxies', () => {
    const text = [
      'sous la présidence de Madame Michèle BOURBIER, maire.',
      'Etaient présents : MM. Daniel CHEVALIER, 1er Adjoint, Claire GUERINEAU, 2ème Adjointe, Monsieur Michel',
      'LEBLANC, DEMARTY Daniel, Guy de DURFORT (arrivé à 20h30), DA SILVA Christophe.',
      'Pouvoirs :',
      '- Monsieur Antonio MENDES à Madame Claire GUERINEAU',
      '- Mme GUILHEM Evelyne donne procuration à M. DEMARTY Daniel',
      'Absents excusés : Mme Josette FAVIER (pouvoir donné à M. CHEVALIER), M. JUGE.',
      'Secrétaire de séance : Monsieur LEBLANC',
      'Le Maire expose le projet.',
    ].join('\n');
    expect(extractRoster(text)).toEqual([
      { name: 'Michèle BOURBIER', role: 'maire', attendance: 'present' },
      { name: 'Daniel CHEVALIER', role: 'adjoint', attendance: 'present' },
      { name: 'Claire GUERINEAU', role: 'adjoint', attendance: 'present' },
      { name: 'Michel LEBLANC', role: 'secretaire', attendance: 'present' },
      { name: 'DEMARTY Daniel', role: 'conseiller', attendance: 'present' },
      { name: 'Guy de DURFORT', role: 'conseiller', attendance: 'present' },
      { name: 'DA SILVA Christophe', role: 'conseiller', attendance: 'present' },
      { name: 'Antonio MENDES', role: 'conseiller', attendance: 'represented', proxyHolder: 'Claire GUERINEAU' },
      { name: 'GUILHEM Evelyne', role: 'conseiller', attendance: 'represented', proxyHolder: 'DEMARTY Daniel' },
      { name: 'Josette FAVIER', role: 'conseiller', attendance: 'represented', proxyHolder: 'Daniel CHEVALIER' },
      { name: 'JUGE', role: 'conseiller', attendance: 'absent' },
    ]);
  });

  it('reads lists run together on one line, and names in "Prénom Nom" case', () => {
    const text =
      'Présents : M. Alain DUDON – Mme Angélina BORDIER - JF GOURDIN - P.GOURLIN J.HAPPE Absents excusés : M. Bertrand FOSSE donne pouvoir à ' +
      'Mme Angélina BORDIER M. Marcel LARCHE QUESTION N°1 – Installation d’un Conseiller Municipal Par courrier en date du 9 mars, Madame ' +
      'Véronique PEYRUSEIGT a informé\nPouvoirs : Sébastien Bonnaterre à Pierre Héno.';
    expect(extractRoster(text).map((e) => [e.name, e.attendance, e.proxyHolder])).toEqual([
      ['Alain DUDON', 'present', undefined],
      ['Angélina BORDIER', 'present', undefined],
      ['JF GOURDIN', 'present', undefined],
      ['P.GOURLIN', 'present', undefined],
      ['J.HAPPE', 'present', undefined],
      ['Bertrand FOSSE', 'represented', 'Angélina BORDIER'],
      ['Marcel LARCHE', 'absent', undefined],
      ['Sébastien Bonnaterre', 'represented', 'Pierre Héno'],
      ['Pierre Héno', 'present', undefined],
    ]);
  });

  it('finds the secretary, the president and the signatory in sentences', () => {
    const text = [
      'sous la présidence de son maire Madame Monique BOURDIER.',
      'M. Jean-Michel MALFROY est désigné secrétaire de séance.',
      'Le Président, Le Maire,',
      'Fait à Kerhervé.',
      'Le Maire, Corentin Kerbriavel',
    ].join('\n');
    expect(extractRoster(text)).toEqual([
      { name: 'Monique BOURDIER', role: 'maire', attendance: 'present' },
      { name: 'Jean-Michel MALFROY', role: 'secretaire' },
      { name: 'Corentin Kerbriavel', role: 'maire' },
    ]);
  });

  it('names nobody in ordinary prose', () => {
    expect(extractRoster('Le Conseil Municipal, après en avoir délibéré, DÉCIDE de confier à la société ALPHA BTP les Travaux.')).toEqual([]);
  });

  // The roster is what the anonymiser keeps: it must name elected officials only.
  it('names only elected officials on the labelled corpus, and nearly all those in the rosters', () => {
    let named = 0;
    let electedFound = 0;
    let elected = 0;
    for (const doc of devCorpus()) {
      const electedSurfaces = new Map(
        doc.spans.filter((s) => s.role === 'elected').map((s) => [doc.text.slice(s.start, s.end).replace(/\s+/g, ' '), s.entity]),
      );
      const found = new Set<string>();
      for (const entry of extractRoster(doc.text)) {
        named++;
        expect([doc.id, entry.name, electedSurfaces.has(entry.name)]).toEqual([doc.id, entry.name, true]);
        found.add(electedSurfaces.get(entry.name)!);
      }
      electedFound += found.size;
      elected += new Set(electedSurfaces.values()).size;
    }
    expect(named).toBeGreaterThan(400);
    expect(electedFound / elected).toBeGreaterThan(0.95);
  });
});
