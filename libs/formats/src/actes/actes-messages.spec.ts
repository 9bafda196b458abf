import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { CodedError } from '@openactes/domain';
import { ACTES_NS, parseActesXml } from './actes-messages';

const SAMPLES = path.join(process.env.SHARED_DIR ?? path.resolve(__dirname, '../../../../../shared'), 'samples/actes');
const sample = (name: string) => readFileSync(path.join(SAMPLES, name));

function failure(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    if (err instanceof CodedError) return { code: err.code, details: err.details };
    throw err;
  }
  throw new Error('expected a CodedError');
}

function acte(inner: string, attrs = 'actes:Date="2024-03-05" actes:NumeroInterne="D42" actes:CodeNatureActe="1"'): Buffer {
  return iconv.encode(
    `<?xml version="1.0" encoding="ISO-8859-1"?>
<actes:Acte xmlns:actes="${ACTES_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ${attrs}>${inner}</actes:Acte>`,
    'latin1',
  );
}

const BODY = (papier: string) => `
  <actes:CodeMatiere1 actes:CodeMatiere="7"/><actes:CodeMatiere2 actes:CodeMatiere="10"/><actes:CodeMatiere3 actes:CodeMatiere="3"/>
  <actes:Objet> Subvention à l'école </actes:Objet>
  <actes:PrecedentIdentifiantActe actes:IDActe="035-123456789-20240101-D41-DE"/>
  <actes:ClassificationDateVersion>2023-12-01</actes:ClassificationDateVersion>
  <actes:Document><actes:NomFichier>99_DE-035-123456789-20240305-D42-DE-1-1_1.pdf</actes:NomFichier></actes:Document>
  <actes:Annexes actes:Nombre="1"><actes:Annexe><actes:NomFichier>035-123456789-20240305-D42-DE-1-1_2.pdf</actes:NomFichier></actes:Annexe></actes:Annexes>
  ${papier}`;

describe(parseActesXml.name, () => {
  it('reads the S²LOW-style Acte sample (ISO-8859-1, actes: prefix, one annex)', () => {
    const name = '034-491011698-20171207-CL20171227_06-DE-1-1_0.xml';
    expect(parseActesXml(sample(name), name)).toEqual({
      kind: 'acte',
      fileName: name,
      date: '2017-12-07',
      numeroInterne: 'CL20171227_06',
      codeNatureActe: 1,
      nature: 'DE',
      matieres: [3, 2],
      classificationCode: '3.2',
      objet: 'Fichier signé parapheur',
      precedentIdActe: null,
      classificationDateVersion: '2017-11-13',
      documentFileName: '32_DP-034-491011698-20171207-CL20171227_06-DE-1-1_1.pdf',
      annexeFileNames: ['32_DP-034-491011698-20171207-CL20171227_06-DE-1-1_2.pdf'],
      annexesDeclared: 1,
      documentPapier: false,
    });
  });

  it('reads the Stela Acte sample (UTF-8, ns1: prefix, nil DocumentPapier)', () => {
    const name = '006-210600730-20180115-007-AR-1-1_0.xml';
    expect(parseActesXml(sample(name), name)).toMatchObject({
      kind: 'acte',
      date: '2018-01-15',
      numeroInterne: '007',
      nature: 'AR',
      classificationCode: '1.1',
      objet: 'wolo',
      documentFileName: 'CO_DE-006-210600730-20180115-007-AR-1-1_1.jpg',
      annexeFileNames: [],
      annexesDeclared: 0,
      documentPapier: null,
    });
  });

  it('reads the Stela EnveloppeCLMISILL sample', () => {
    const name = 'EACT--210600730--20180115-1.xml';
    expect(parseActesXml(sample(name), name)).toEqual({
      kind: 'EnveloppeCLMISILL',
      fileName: name,
      siren: '210600730',
      departement: '006',
      arrondissement: '2',
      natureCollectivite: '02',
      referent: { nom: 'Demat SICTIAM', telephone: '0101010101', email: 'dev@sictiam.fr' },
      adressesRetour: ['dev@sictiam.fr'],
      formulaires: ['006-210600730-20180115-007-AR-1-1_0.xml'],
    });
  });

  it.each([
    ['006-210600235-20180522-684-AI-1-2_5279.xml', 'ARActe'],
    ['exemple_codes_matieres.xml', 'RetourClassification'],
  ])('returns %s as a not-yet-modelled %s message', (name, root) => {
    expect(parseActesXml(sample(name), name)).toEqual({ kind: 'other', root, fileName: name });
  });

  it('reads an EnveloppeMISILLCL and derives the emitting service id', () => {
    const xml = `<?xml version="1.0" encoding="ISO-8859-1"?>
<actes:EnveloppeMISILLCL xmlns:actes="${ACTES_NS}" xmlns:insee="http://xml.insee.fr/schema">
  <actes:Emetteur><actes:IDSousPref actes:Departement="044" actes:Arrondissement="1"/></actes:Emetteur>
  <actes:FormulairesEnvoyes><actes:Formulaire><actes:NomFichier>044-214400152-20181012-X-AI-1-2_5.xml</actes:NomFichier></actes:Formulaire></actes:FormulairesEnvoyes>
  <actes:Destinataire insee:SIREN="214400152"/>
</actes:EnveloppeMISILLCL>`;
    expect(parseActesXml(Buffer.from(xml), 'EACT--SPREF0441-214400152-20181012-9.xml')).toMatchObject({
      kind: 'EnveloppeMISILLCL',
      siren: '214400152',
      departement: '044',
      arrondissement: '1',
      emitter: { type: 'SPREF', serviceId: 'SPREF0441' },
      formulaires: ['044-214400152-20181012-X-AI-1-2_5.xml'],
    });
  });

  it('reads every Acte field, including optional ones', () => {
    expect(parseActesXml(acte(BODY('<actes:DocumentPapier>O</actes:DocumentPapier>')), 'a.xml')).toMatchObject({
      matieres: [7, 10, 3],
      classificationCode: '7.10',
      objet: "Subvention à l'école",
      precedentIdActe: '035-123456789-20240101-D41-DE',
      documentPapier: true,
    });
  });

  it.each([
    ['<actes:DocumentPapier>O</actes:DocumentPapier>', true],
    ['<actes:DocumentPapier>1</actes:DocumentPapier>', true],
    ['<actes:DocumentPapier>N</actes:DocumentPapier>', false],
    ['<actes:DocumentPapier>0</actes:DocumentPapier>', false],
    ['<actes:DocumentPapier/>', null],
    ['<actes:DocumentPapier xsi:nil="true"/>', null],
    ['<actes:DocumentPapier>peut-être</actes:DocumentPapier>', null],
    ['', null],
  ])('reads DocumentPapier %j as %j', (papier, expected) => {
    expect(parseActesXml(acte(BODY(papier)), 'a.xml')).toMatchObject({ documentPapier: expected });
  });

  it.each([
    ['Date', 'actes:NumeroInterne="1" actes:CodeNatureActe="1"', 'missing_attribute'],
    ['NumeroInterne', 'actes:Date="2024-03-05" actes:CodeNatureActe="1"', 'missing_attribute'],
    ['CodeNatureActe', 'actes:Date="2024-03-05" actes:NumeroInterne="1"', 'missing_attribute'],
    ['CodeNatureActe', 'actes:Date="2024-03-05" actes:NumeroInterne="1" actes:CodeNatureActe="7"', 'invalid_attribute'],
    ['Date', 'actes:Date="2024-02-30" actes:NumeroInterne="1" actes:CodeNatureActe="1"', 'invalid_date'],
  ])('refuses an Acte with a bad %s attribute', (_, attrs, reason) => {
    expect(failure(() => parseActesXml(acte(BODY(''), attrs), 'a.xml'))).toMatchObject({ code: 'INVALID_ACTE', details: { reason } });
  });

  it('refuses an Acte without level-2 matière or without Document', () => {
    const noLevel2 = BODY('').replace('<actes:CodeMatiere2 actes:CodeMatiere="10"/>', '');
    expect(failure(() => parseActesXml(acte(noLevel2), 'a.xml'))).toMatchObject({
      code: 'INVALID_ACTE',
      details: { reason: 'missing_element', element: 'CodeMatiere2' },
    });
    const noDocument = BODY('').replace(/<actes:Document>.*<\/actes:Document>/, '');
    expect(failure(() => parseActesXml(acte(noDocument), 'a.xml'))).toMatchObject({ code: 'INVALID_ACTE', details: { reason: 'missing_element' } });
  });

  it('refuses an envelope without a valid SIREN', () => {
    const xml = sample('EACT--210600730--20180115-1.xml').toString().replace('ns2:SIREN="210600730"', 'ns2:SIREN="2106"');
    expect(failure(() => parseActesXml(Buffer.from(xml), 'e.xml'))).toMatchObject({
      code: 'INVALID_ENVELOPE',
      details: { reason: 'invalid_attribute', attribute: 'SIREN' },
    });
  });

  it('refuses a root outside the ACTES namespace, or unknown in it', () => {
    expect(failure(() => parseActesXml(Buffer.from('<Acte xmlns="urn:not-actes"/>'), 'a.xml'))).toMatchObject({
      code: 'INVALID_XML',
      details: { reason: 'unknown_namespace' },
    });
    expect(failure(() => parseActesXml(Buffer.from('<Acte/>'), 'a.xml'))).toMatchObject({
      code: 'INVALID_XML',
      details: { reason: 'unknown_namespace' },
    });
    expect(failure(() => parseActesXml(Buffer.from(`<a:Nope xmlns:a="${ACTES_NS}"/>`), 'a.xml'))).toMatchObject({
      code: 'INVALID_XML',
      details: { reason: 'unknown_root' },
    });
  });
});
