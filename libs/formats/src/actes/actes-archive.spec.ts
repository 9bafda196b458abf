import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as iconv from 'iconv-lite';
import { CodedError } from '@openactes/domain';
import { TarEntry, writeTar } from '../archive/tar';
import { DEFAULT_ARCHIVE_LIMITS, readActesArchive } from './actes-archive';
import { ACTES_NS } from './actes-messages';
import { buildActeArchiveFiles, OutgoingActSpec, writeActeArchive, writeArchive } from './actes-writer';

const SAMPLES = path.join(process.env.SHARED_DIR ?? path.resolve(__dirname, '../../../../../shared'), 'samples/actes');
const sample = (name: string) => readFileSync(path.join(SAMPLES, name));

const PDF = Buffer.from('%PDF-1.4\n% a tiny stand-in\n');
const spec: OutgoingActSpec = {
  siren: '213502388',
  departement: '035',
  date: '2024-03-05',
  numeroInterne: 'DEL2024_042',
  nature: 'DE',
  matieres: [7, 10, 2],
  objet: "Délibération relative à la façade de l'hôtel de ville & au théâtre <très> célèbre, è ô ç",
  classificationDate: '2023-11-20',
  document: { data: PDF, pieceType: '99_DE' },
  annexes: [{ data: Buffer.from('%PDF-1.7 annex'), pieceType: '99_SE' }, { data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1]), extension: 'png' }],
};

const pack = (files: TarEntry[]) => writeArchive(files, 'test.tar.gz').data;
const members = () => buildActeArchiveFiles(spec).files;
const [ENVELOPE, ACTE, DOCUMENT] = members().map((f) => f.name);
const without = (name: string) => members().filter((f) => f.name !== name);
const withData = (name: string, data: Buffer) => members().map((f) => (f.name === name ? { name, data } : f));
const latin1 = (name: string) => iconv.decode(members().find((f) => f.name === name)!.data, 'latin1');

function envelopeXml(siren: string, dept: string, formulaires: string[], prefix = 'actes'): Buffer {
  return Buffer.from(
    `<${prefix}:EnveloppeCLMISILL xmlns:${prefix}="${ACTES_NS}" xmlns:insee="http://xml.insee.fr/schema"><${prefix}:Emetteur><${prefix}:IDCL insee:SIREN="${siren}" ${prefix}:Departement="${dept}" ${prefix}:Arrondissement="1" ${prefix}:Nature="02"/></${prefix}:Emetteur><${prefix}:AdressesRetour><${prefix}:Email>a@b.fr</${prefix}:Email></${prefix}:AdressesRetour><${prefix}:FormulairesEnvoyes>${formulaires
      .map((f) => `<${prefix}:Formulaire><${prefix}:NomFichier>${f}</${prefix}:NomFichier></${prefix}:Formulaire>`)
      .join('')}</${prefix}:FormulairesEnvoyes></${prefix}:EnveloppeCLMISILL>`,
  );
}

function prefectureEnvelope(siren: string, dept: string, formulaires: string[]): Buffer {
  return Buffer.from(
    `<actes:EnveloppeMISILLCL xmlns:actes="${ACTES_NS}" xmlns:insee="http://xml.insee.fr/schema"><actes:Emetteur><actes:IDPref actes:Departement="${dept}"/></actes:Emetteur><actes:FormulairesEnvoyes>${formulaires
      .map((f) => `<actes:Formulaire><actes:NomFichier>${f}</actes:NomFichier></actes:Formulaire>`)
      .join('')}</actes:FormulairesEnvoyes><actes:Destinataire insee:SIREN="${siren}"/></actes:EnveloppeMISILLCL>`,
  );
}

function failure(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    if (err instanceof CodedError) return { code: err.code, details: err.details };
    throw err;
  }
  throw new Error('expected a CodedError');
}

describe(readActesArchive.name, () => {
  it('reads back what writeActeArchive wrote, Latin-1 accents included', () => {
    const { envelope, messages, acts, files, warnings } = readActesArchive(writeActeArchive(spec).data);
    expect(envelope).toMatchObject({ kind: 'EnveloppeCLMISILL', siren: '213502388', departement: '035', formulaires: [ACTE] });
    expect(messages).toHaveLength(1);
    expect(files.size).toBe(5);
    expect(warnings).toEqual([]);
    expect(acts).toHaveLength(1);
    const [act] = acts;
    expect(act).toMatchObject({
      kind: 'acte',
      fileName: ACTE,
      siren: '213502388',
      departement: '035',
      date: '2024-03-05',
      numeroInterne: 'DEL2024_042',
      codeNatureActe: 1,
      nature: 'DE',
      matieres: [7, 10, 2],
      classificationCode: '7.10',
      objet: spec.objet,
      classificationDateVersion: '2023-11-20',
      annexesDeclared: 2,
      documentPapier: false,
    });
    expect(act.document).toEqual({
      fileName: DOCUMENT,
      pieceType: '99_DE',
      data: PDF,
      mediaType: 'application/pdf',
      sha256: createHash('sha256').update(PDF).digest('hex'),
    });
    expect(act.annexes.map(({ fileName, pieceType, mediaType }) => ({ fileName, pieceType, mediaType }))).toEqual([
      { fileName: '99_SE-035-213502388-20240305-DEL2024_042-DE-1-1_2.pdf', pieceType: '99_SE', mediaType: 'application/pdf' },
      { fileName: '035-213502388-20240305-DEL2024_042-DE-1-1_3.png', pieceType: null, mediaType: 'image/png' },
    ]);
  });

  it('reads a UTF-8 archive the same way', () => {
    const [act] = readActesArchive(writeActeArchive({ ...spec, encoding: 'UTF-8', objet: 'Vœux et motions' }).data).acts;
    expect(act.objet).toBe('Vœux et motions');
  });

  it('reads the Stela sample archive layout (UTF-8, ns1: prefixes, typology CO_DE, a JPEG)', () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
    const names = ['EACT--210600730--20180115-1.xml', '006-210600730-20180115-007-AR-1-1_0.xml'];
    const archive = pack([
      ...names.map((name) => ({ name, data: sample(name) })),
      { name: 'CO_DE-006-210600730-20180115-007-AR-1-1_1.jpg', data: jpeg },
    ]);
    const { envelope, acts, warnings } = readActesArchive(archive);
    expect(envelope).toMatchObject({ siren: '210600730', departement: '006' });
    expect(warnings).toEqual([]);
    expect(acts[0]).toMatchObject({ nature: 'AR', objet: 'wolo', documentPapier: null, siren: '210600730' });
    expect(acts[0].document).toMatchObject({ pieceType: 'CO_DE', mediaType: 'image/jpeg' });
  });

  it('reads the S²LOW Acte sample (ISO-8859-1) with its annex', () => {
    const name = '034-491011698-20171207-CL20171227_06-DE-1-1_0.xml';
    const archive = pack([
      { name: 'EACT--491011698--20171207-1.xml', data: envelopeXml('491011698', '034', [name], 'ns1') },
      { name, data: sample(name) },
      { name: '32_DP-034-491011698-20171207-CL20171227_06-DE-1-1_1.pdf', data: PDF },
      { name: '32_DP-034-491011698-20171207-CL20171227_06-DE-1-1_2.pdf', data: PDF },
    ]);
    const [act] = readActesArchive(archive).acts;
    expect(act).toMatchObject({ objet: 'Fichier signé parapheur', classificationCode: '3.2', documentPapier: false });
    expect(act.annexes.map((a) => a.pieceType)).toEqual(['32_DP']);
  });

  it('returns the other messages listed by the envelope, typed', () => {
    const ar = '006-210600235-20180522-684-AI-1-2_5279.xml';
    const { messages, acts, warnings } = readActesArchive(
      pack([
        { name: 'EACT--PREF006-210600235-20180528-1.xml', data: prefectureEnvelope('210600235', '006', [ar]) },
        { name: ar, data: sample(ar) },
      ]),
    );
    expect(messages).toMatchObject([{ kind: 'ARActe', fileName: ar, idActe: '006-210600235-20180522-684-AI', dateReception: '2018-05-28', attachments: [] }]);
    expect(acts).toEqual([]);
    expect(warnings).toEqual([]);
  });

  describe('resolves the files named by prefecture messages', () => {
    const ID = '035-213502388-20240305-DEL2024_042-DE';
    const courrier = (root: string, inner: string) =>
      Buffer.from(`<actes:${root} xmlns:actes="${ACTES_NS}" actes:IDActe="${ID}" actes:DateCourrierPref="2024-04-02">${inner}</actes:${root}>`);
    const nomFichier = (tag: string, name: string) => `<actes:${tag}><actes:NomFichier>${name}</actes:NomFichier></actes:${tag}>`;
    const lettre = `${ID}-4-1_7.xml`;
    const pieces = `${ID}-3-4_9.xml`;
    const defere = `${ID}-5-1_11.xml`;
    const members = [
      { name: 'EACT--PREF035-213502388-20240402-1.xml', data: prefectureEnvelope('213502388', '035', [lettre, pieces, defere]) },
      { name: lettre, data: courrier('LettreObservations', `<actes:Motif>Motif</actes:Motif>${nomFichier('Document', `${ID}-4-1_6.pdf`)}`) },
      { name: `${ID}-4-1_6.pdf`, data: PDF },
      { name: pieces, data: courrier('PieceComplementaire', `<actes:Documents>${nomFichier('Document', `${ID}-3-4_8.pdf`)}${nomFichier('Document', `99_AN-${ID}-3-4_10.png`)}</actes:Documents>`) },
      { name: `${ID}-3-4_8.pdf`, data: PDF },
      { name: `99_AN-${ID}-3-4_10.png`, data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1]) },
      {
        name: defere,
        data: Buffer.from(
          `<actes:DefereTA xmlns:actes="${ACTES_NS}" actes:IDActe="${ID}"><actes:DateDepot>2024-05-02</actes:DateDepot><actes:NatureIllegalite>Vice</actes:NatureIllegalite><actes:PiecesJointes>${nomFichier('PieceJointe', `${ID}-5-1_12.pdf`)}</actes:PiecesJointes></actes:DefereTA>`,
        ),
      },
      { name: `${ID}-5-1_12.pdf`, data: PDF },
    ];

    it('as attachments, which are then not reported as unreferenced', () => {
      const { envelope, messages, warnings } = readActesArchive(pack(members));
      expect(envelope).toMatchObject({ kind: 'EnveloppeMISILLCL', siren: '213502388', emitter: { serviceId: 'PREF035' } });
      expect(warnings).toEqual([]);
      expect(messages.map((m) => [m.kind, m.attachments.map(({ fileName, pieceType, mediaType }) => [fileName, pieceType, mediaType])])).toEqual([
        ['LettreObservations', [[`${ID}-4-1_6.pdf`, null, 'application/pdf']]],
        [
          'PieceComplementaire',
          [
            [`${ID}-3-4_8.pdf`, null, 'application/pdf'],
            [`99_AN-${ID}-3-4_10.png`, '99_AN', 'image/png'],
          ],
        ],
        ['DefereTA', [[`${ID}-5-1_12.pdf`, null, 'application/pdf']]],
      ]);
    });

    it('or refuses the archive when one is missing', () => {
      const missing = `${ID}-5-1_12.pdf`;
      expect(failure(() => readActesArchive(pack(members.filter((m) => m.name !== missing))))).toMatchObject({
        code: 'MISSING_DOCUMENT',
        details: { fileName: missing, referencedBy: defere },
      });
    });
  });

  it('warns about a SIREN mismatch, a wrong annex count and unreferenced members', () => {
    const acte = latin1(ACTE).replace('actes:Nombre="2"', 'actes:Nombre="5"');
    const files = [
      { name: ENVELOPE, data: envelopeXml('999999999', '035', [ACTE]) },
      ...withData(ACTE, iconv.encode(acte, 'latin1')).slice(1),
      { name: 'stray.txt', data: Buffer.from('x') },
    ];
    const { warnings } = readActesArchive(pack(files));
    expect(warnings).toHaveLength(3);
    expect(warnings.join('\n')).toMatch(/213502388.*999999999/);
  });

  describe('refuses', () => {
    const code = (gz: Buffer) => failure(() => readActesArchive(gz));

    it('what is not gzip', () => {
      expect(code(writeTar(members()))).toMatchObject({ code: 'INVALID_ARCHIVE', details: { reason: 'not_gzip' } });
    });

    it('a gzip that is not a tar', () => {
      expect(code(gzipSync(Buffer.from('just text, '.repeat(100))))).toMatchObject({ code: 'INVALID_ARCHIVE', details: { reason: 'not_tar' } });
    });

    it('a gzip bomb', () => {
      expect(code(pack([...members(), { name: 'zeros.pdf', data: Buffer.alloc(8 * 1024 * 1024) }]))).toMatchObject({
        code: 'ARCHIVE_TOO_LARGE',
      });
    });

    it('an archive over maxCompressedBytes', () => {
      const gz = writeActeArchive(spec).data;
      expect(failure(() => readActesArchive(gz, { ...DEFAULT_ARCHIVE_LIMITS, maxCompressedBytes: gz.length - 1 }))).toMatchObject({
        code: 'ARCHIVE_TOO_LARGE',
      });
    });

    it('a ../ path', () => {
      expect(code(pack([...members(), { name: '../x', data: Buffer.from('x') }]))).toMatchObject({
        code: 'INVALID_ARCHIVE',
        details: { reason: 'unsafe_path' },
      });
    });

    it('a symlink member', () => {
      const tar = writeTar([{ name: 'link.pdf', data: Buffer.alloc(0) }, ...members()]);
      tar.write('2', 156);
      tar.write('/etc/passwd', 157);
      tar.fill(0x20, 148, 156);
      tar.write(`${tar.subarray(0, 512).reduce((t, b) => t + b, 0).toString(8).padStart(6, '0')}\u0000 `, 148, 'latin1');
      expect(code(gzipSync(tar))).toMatchObject({ code: 'INVALID_ARCHIVE', details: { reason: 'unsupported_entry_type' } });
    });

    it('too many members', () => {
      const extra = Array.from({ length: DEFAULT_ARCHIVE_LIMITS.maxEntries }, (_, i) => ({ name: `x${i}`, data: Buffer.alloc(0) }));
      expect(code(pack([...members(), ...extra]))).toMatchObject({ code: 'INVALID_ARCHIVE', details: { reason: 'too_many_entries' } });
    });

    it('an archive without envelope', () => {
      expect(code(pack(without(ENVELOPE)))).toMatchObject({ code: 'MISSING_ENVELOPE' });
    });

    it('an envelope listing no business file', () => {
      const envelope = latin1(ENVELOPE).replace(/<actes:Formulaire>[\s\S]*<\/actes:Formulaire>/, '');
      expect(code(pack(withData(ENVELOPE, iconv.encode(envelope, 'latin1'))))).toMatchObject({ code: 'MISSING_ACTE' });
    });

    it('an envelope listing a missing file', () => {
      expect(code(pack(without(ACTE)))).toMatchObject({ code: 'MISSING_ACTE', details: { fileName: ACTE, referencedBy: ENVELOPE } });
    });

    it('an Acte pointing to a missing document', () => {
      expect(code(pack(without(DOCUMENT)))).toMatchObject({ code: 'MISSING_DOCUMENT', details: { fileName: DOCUMENT, referencedBy: ACTE } });
    });

    it('a billion-laughs Acte', () => {
      const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol1;</lolz>`;
      expect(code(pack(withData(ACTE, Buffer.from(lol))))).toMatchObject({ code: 'INVALID_XML', details: { reason: 'doctype', fileName: ACTE } });
    });

    it('an Acte with an external entity', () => {
      const acte = latin1(ACTE).replace('?>', '?><!DOCTYPE actes:Acte [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>').replace('<actes:Objet>', '<actes:Objet>&xxe;');
      expect(code(pack(withData(ACTE, iconv.encode(acte, 'latin1'))))).toMatchObject({ code: 'INVALID_XML', details: { reason: 'doctype' } });
    });

    it('a malformed Acte', () => {
      const acte = latin1(ACTE).replace('</actes:Objet>', '');
      expect(code(pack(withData(ACTE, iconv.encode(acte, 'latin1'))))).toMatchObject({ code: 'INVALID_XML', details: { reason: 'malformed' } });
    });

    it('an envelope in an unknown namespace', () => {
      const envelope = latin1(ENVELOPE).replace(ACTES_NS, 'http://www.interieur.gouv.fr/ACTES#v9');
      expect(code(pack(withData(ENVELOPE, iconv.encode(envelope, 'latin1'))))).toMatchObject({
        code: 'INVALID_XML',
        details: { reason: 'unknown_namespace' },
      });
    });

    it('an Acte missing a required attribute', () => {
      const acte = latin1(ACTE).replace(/actes:NumeroInterne="[^"]*"/, '');
      expect(code(pack(withData(ACTE, iconv.encode(acte, 'latin1'))))).toMatchObject({
        code: 'INVALID_ACTE',
        details: { reason: 'missing_attribute', attribute: 'NumeroInterne' },
      });
    });

    it('an envelope without IDCL', () => {
      const envelope = latin1(ENVELOPE).replace(/<actes:IDCL [^>]*\/>/, '');
      expect(code(pack(withData(ENVELOPE, iconv.encode(envelope, 'latin1'))))).toMatchObject({ code: 'INVALID_ENVELOPE' });
    });

    it('two envelopes', () => {
      expect(code(pack([...members(), { name: 'EACT--213502388--20240305-2.xml', data: members()[0].data }]))).toMatchObject({
        code: 'INVALID_ARCHIVE',
        details: { reason: 'multiple_envelopes' },
      });
    });
  });
});
