import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertSurvives } from '../fuzz.testing';
import { buildActeArchiveFiles } from './actes-writer';
import { parseActesXml } from './actes-messages';

const SAMPLES = path.join(process.env.SHARED_DIR ?? path.resolve(__dirname, '../../../../../shared'), 'samples/actes');

/** Hostile input: the ACTES message parser returns a message or throws a coded error, whatever the XML. */
describe(parseActesXml.name, () => {
  const built = buildActeArchiveFiles({
    siren: '213509821', departement: '035', date: '2026-03-05', numeroInterne: '2026_014', nature: 'DE', matieres: [7, 1],
    objet: 'Décision modificative n° 1 du budget principal', document: { data: Buffer.from('%PDF-1.4\n'), pieceType: '99_DE' },
  }).files.filter((f) => f.name.endsWith('.xml'));
  const samples = fs.readdirSync(SAMPLES).filter((f) => /^\d{3}-.*\.xml$|^EACT.*\.xml$/.test(f)).map((name) => ({ name, data: fs.readFileSync(path.join(SAMPLES, name)) }));

  it.each([...built, ...samples].map((f) => [f.name, f.data]))('survives damage to %s', (name, data) => {
    assertSurvives(data, (bytes) => parseActesXml(bytes, name), 'latin1');
  });
});
