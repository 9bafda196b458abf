import { gunzipSync } from 'node:zlib';
import * as iconv from 'iconv-lite';
import { CodedError } from '@openactes/domain';
import { readTar } from '../archive/tar';
import { buildActeArchiveFiles, OutgoingActSpec, writeActeArchive, writeArchive } from './actes-writer';

const spec: OutgoingActSpec = {
  siren: '213502388',
  departement: '035',
  date: '2024-03-05',
  numeroInterne: 'DEL2024_042',
  nature: 'DE',
  matieres: [7, 10],
  objet: 'Délibération relative à la façade',
  document: { data: Buffer.from('%PDF-1.4 main'), pieceType: '99_DE' },
  annexes: [{ data: Buffer.from('%PDF-1.4 annex') }, { data: Buffer.from('png'), pieceType: '99_AN', extension: 'png' }],
  transmissionDate: '2024-03-07',
  transmissionNumber: 3,
};

function failure(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    if (err instanceof CodedError) return err.code;
    throw err;
  }
  throw new Error('expected a CodedError');
}

describe(writeActeArchive.name, () => {
  it('names the archive and its members as S²LOW does', () => {
    const { archiveName, data } = writeActeArchive(spec);
    expect(archiveName).toBe('SLO-EACT--213502388--20240307-3.tar.gz');
    expect(readTar(gunzipSync(data), { maxEntries: 10, maxEntrySize: 1e6 }).map((e) => e.name)).toEqual([
      'EACT--213502388--20240307-3.xml',
      '035-213502388-20240305-DEL2024_042-DE-1-1_0.xml',
      '99_DE-035-213502388-20240305-DEL2024_042-DE-1-1_1.pdf',
      '035-213502388-20240305-DEL2024_042-DE-1-1_2.pdf',
      '99_AN-035-213502388-20240305-DEL2024_042-DE-1-1_3.png',
    ]);
  });

  it('uses the operator trigram and TACT for tests, and defaults to the decision date', () => {
    expect(writeActeArchive({ ...spec, operator: 'SIC', test: true, transmissionDate: undefined, transmissionNumber: undefined }).archiveName).toBe(
      'SIC-TACT--213502388--20240305-1.tar.gz',
    );
  });

  it('is deterministic', () => {
    expect(writeActeArchive(spec).data.equals(writeActeArchive(spec).data)).toBe(true);
  });

  it('writes the Acte in the declared encoding, with qualified attributes in XSD order', () => {
    const [, acte] = buildActeArchiveFiles(spec).files;
    const xml = iconv.decode(acte.data, 'latin1');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="ISO-8859-1"\?>\n<actes:Acte /);
    expect(acte.data.includes(Buffer.from('Délibération', 'latin1'))).toBe(true);
    expect(xml).toContain('actes:Date="2024-03-05" actes:NumeroInterne="DEL2024_042" actes:CodeNatureActe="1"');
    const order = ['CodeMatiere1', 'CodeMatiere2', 'Objet', 'ClassificationDateVersion', 'Document', 'Annexes', 'DocumentPapier'];
    const positions = order.map((name) => xml.indexOf(`<actes:${name}`));
    expect(positions.every((p, i) => p > 0 && (i === 0 || p > positions[i - 1]))).toBe(true);
    expect(xml).toContain('<actes:Annexes actes:Nombre="2">');
  });

  it('writes UTF-8 when asked', () => {
    const [envelope, acte] = buildActeArchiveFiles({ ...spec, encoding: 'UTF-8', objet: 'Vœux & motions' }).files;
    expect(envelope.data.toString()).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(acte.data.toString()).toContain('<actes:Objet>Vœux &amp; motions</actes:Objet>');
  });

  it.each<[string, Partial<OutgoingActSpec>]>([
    ['a short SIREN', { siren: '1234' }],
    ['a 2-character département', { departement: '35' }],
    ['an impossible date', { date: '2024-02-30' }],
    ['a long NumeroInterne', { numeroInterne: 'X'.repeat(16) }],
    ['one matière level', { matieres: [7] }],
    ['œ in a Latin-1 Objet', { objet: "Maîtrise d'œuvre" }],
    ['a bad piece type', { document: { data: Buffer.alloc(0), pieceType: 'DE' } }],
  ])('refuses %s', (_, change) => {
    expect(failure(() => writeActeArchive({ ...spec, ...change }))).toBe('VALIDATION_FAILED');
  });
});

describe(writeArchive.name, () => {
  it('packs arbitrary members', () => {
    const { archiveName, data } = writeArchive([{ name: '../x', data: Buffer.from('x') }], 'bad.tar.gz');
    expect(archiveName).toBe('bad.tar.gz');
    expect(gunzipSync(data).subarray(0, 4).toString()).toBe('../x');
  });
});
