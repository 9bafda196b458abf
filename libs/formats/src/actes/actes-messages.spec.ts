import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { CodedError } from '@openactes/domain';
import { labelFor } from '@openactes/domain';
import { ACTES_NS, attachedFileNames, MESSAGE_CODES, messageCode, parseActesXml, type ActesMessage } from './actes-messages';

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
      warnings: [],
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

  it('reads the Stela ARActe sample, echoed act included', () => {
    const name = '006-210600235-20180522-684-AI-1-2_5279.xml';
    expect(parseActesXml(sample(name), name)).toEqual({
      kind: 'ARActe',
      fileName: name,
      idActe: '006-210600235-20180522-684-AI',
      dateReception: '2018-05-28',
      acteRecu: {
        date: '2018-05-22',
        numeroInterne: '684',
        codeNatureActe: 3,
        nature: 'AI',
        matieres: [4, 2],
        classificationCode: '4.2',
        objet: 'Contrat à durée déterminée - Jean Dupont',
        precedentIdActe: null,
        classificationDateVersion: '2017-04-19',
        documentFileName: '99_DE-006-210600235-20180522-684-AI-1-1_1.pdf',
        annexeFileNames: [],
        annexesDeclared: 0,
        documentPapier: false,
      },
      classificationDateVersionEnCours: '2017-04-19',
      warnings: [{ code: 'odd_document_papier', path: 'ARActe/ActeRecu/DocumentPapier', message: expect.any(String) }],
    });
  });

  it('reads the Stela RetourClassification sample: natures with their piece types, matières with labels', () => {
    const name = 'exemple_codes_matieres.xml';
    const message = parseActesXml(sample(name), name);
    if (message.kind !== 'RetourClassification') throw new Error(message.kind);
    const { date, natures, matieres } = message.classification;
    expect(message.warnings).toEqual([]);
    expect(date).toBe('2017-12-08');
    expect(natures.map((n) => [n.code, n.abbrev])).toEqual([[5, 'BF'], [6, 'AU'], [4, 'CC'], [2, 'AR'], [3, 'AI'], [1, 'DE']]);
    expect(natures[0]).toMatchObject({ label: 'Documents budgetaires et financiers', pieceTypes: expect.arrayContaining([{ code: '99_BU', label: 'Document budgétaire' }]) });
    expect(matieres.map((m) => m.code)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(matieres.flatMap((m) => m.children.flatMap((c) => c.children))).toHaveLength(225);
    expect(labelFor(message.classification, '1.1.9')).toBe('marchés passés selon une procédure adaptée (MAPA)');
    expect(labelFor(message.classification, '9.4')).toBe('Voeux et motions');
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

  it('refuses a root named after an Object property', () => {
    expect(failure(() => parseActesXml(Buffer.from(`<a:constructor xmlns:a="${ACTES_NS}"/>`), 'a.xml'))).toMatchObject({
      code: 'INVALID_XML',
      details: { reason: 'unknown_root' },
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

const ID = '034-000000000-20170701-20170725A-AI';
const ECHO = `<actes:ActeRecu actes:Date="2017-07-01" actes:NumeroInterne="20170725A" actes:CodeNatureActe="3">
    <actes:CodeMatiere1 actes:CodeMatiere="2"/><actes:CodeMatiere2 actes:CodeMatiere="2"/>
    <actes:Objet>Arrêté</actes:Objet><actes:ClassificationDateVersion>2017-07-13</actes:ClassificationDateVersion>
    <actes:Document><actes:NomFichier>034-000000000-20170701-20170725A-AI-1-1_1.pdf</actes:NomFichier></actes:Document>
    <actes:Annexes actes:Nombre="0"/><actes:DocumentPapier>N</actes:DocumentPapier>
  </actes:ActeRecu>`;
const doc = (tag: string, name: string) => `<actes:${tag}><actes:NomFichier>${name}</actes:NomFichier></actes:${tag}>`;

/** A business message as the prefecture writes it (ISO-8859-1, actes: prefix). */
function message(root: string, attrs: string, inner = ''): Buffer {
  return iconv.encode(
    `<?xml version="1.0" encoding="ISO-8859-1"?>
<actes:${root} xmlns:actes="${ACTES_NS}" xmlns:insee="http://xml.insee.fr/schema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ${attrs}>${inner}</actes:${root}>`,
    'latin1',
  );
}
const courrier = `actes:IDActe="${ID}" actes:DateCourrierPref="2017-07-25"`;
const infos = `<actes:InfosCourrierPref ${courrier}/>`;

describe('parseActesXml, every other message', () => {
  it.each<[string, Buffer, Partial<ActesMessage>, string[]]>([
    [
      'AnomalieActe',
      message('AnomalieActe', '', `<actes:Date>2018-10-12</actes:Date><actes:Nature>002</actes:Nature><actes:Detail>ODT-VERIF-01 : classification</actes:Detail>${ECHO}<actes:ClassificationDateVersionEnCours>2018-10-10</actes:ClassificationDateVersionEnCours>`),
      { kind: 'AnomalieActe', date: '2018-10-12', nature: '002', detail: 'ODT-VERIF-01 : classification', acteRecu: expect.objectContaining({ numeroInterne: '20170725A', nature: 'AI' }), classificationDateVersionEnCours: '2018-10-10' },
      [],
    ],
    ['CourrierSimple', message('CourrierSimple', courrier, doc('Document', 'c.pdf')), { kind: 'CourrierSimple', idActe: ID, dateCourrierPref: '2017-07-25', documentFileName: 'c.pdf' }, ['c.pdf']],
    ['ReponseCourrierSimple', message('ReponseCourrierSimple', courrier, doc('Document', 'r.pdf')), { kind: 'ReponseCourrierSimple', documentFileName: 'r.pdf' }, ['r.pdf']],
    [
      'DemandePieceComplementaire',
      message('DemandePieceComplementaire', courrier, `<actes:DescriptionPieces>Le plan</actes:DescriptionPieces>${doc('Document', 'd.pdf')}`),
      { kind: 'DemandePieceComplementaire', idActe: ID, descriptionPieces: 'Le plan', documentFileName: 'd.pdf' },
      ['d.pdf'],
    ],
    ['ARDemandePieceComplementaire', message('ARDemandePieceComplementaire', courrier), { kind: 'ARDemandePieceComplementaire', idActe: ID, dateCourrierPref: '2017-07-25' }, []],
    ['RefusPieceComplementaire', message('RefusPieceComplementaire', courrier, doc('Document', 'refus.pdf')), { kind: 'RefusPieceComplementaire' }, ['refus.pdf']],
    [
      'PieceComplementaire',
      message('PieceComplementaire', courrier, `<actes:Documents>${doc('Document', 'p1.pdf')}${doc('Document', 'p2.pdf')}</actes:Documents>`),
      { kind: 'PieceComplementaire', documentFileNames: ['p1.pdf', 'p2.pdf'] },
      ['p1.pdf', 'p2.pdf'],
    ],
    ['ARPieceComplementaire', message('ARPieceComplementaire', 'actes:DateReception="2017-08-01"', infos), { kind: 'ARPieceComplementaire', idActe: ID, dateCourrierPref: '2017-07-25', dateReception: '2017-08-01' }, []],
    [
      'LettreObservations',
      message('LettreObservations', courrier, `<actes:Motif>Incompétence</actes:Motif>${doc('Document', 'lo.pdf')}`),
      { kind: 'LettreObservations', motif: 'Incompétence', documentFileName: 'lo.pdf' },
      ['lo.pdf'],
    ],
    ['ARLettreObservations', message('ARLettreObservations', courrier), { kind: 'ARLettreObservations', idActe: ID }, []],
    ['RejetLettreObservations', message('RejetLettreObservations', courrier, doc('Document', 'rejet.pdf')), { kind: 'RejetLettreObservations' }, ['rejet.pdf']],
    ['ReponseLettreObservations', message('ReponseLettreObservations', courrier, doc('Document', 'rep.pdf')), { kind: 'ReponseLettreObservations' }, ['rep.pdf']],
    ['ARReponseRejetLettreObservations', message('ARReponseRejetLettreObservations', 'actes:DateReception="2017-08-02"', infos), { kind: 'ARReponseRejetLettreObservations', dateReception: '2017-08-02' }, []],
    [
      'DefereTA',
      message('DefereTA', `actes:IDActe="${ID}"`, `<actes:DateDepot>2017-07-01</actes:DateDepot><actes:NatureIllegalite>Vice de forme</actes:NatureIllegalite><actes:PiecesJointes>${doc('PieceJointe', 'ta.pdf')}</actes:PiecesJointes>`),
      { kind: 'DefereTA', idActe: ID, dateDepot: '2017-07-01', natureIllegalite: 'Vice de forme', pieceJointeFileNames: ['ta.pdf'] },
      ['ta.pdf'],
    ],
    ['Annulation', message('Annulation', `actes:IDActe="${ID}"`), { kind: 'Annulation', idActe: ID }, []],
    ['ARAnnulation', message('ARAnnulation', `actes:DateReception="2018-11-28" actes:IDActe="${ID}"`), { kind: 'ARAnnulation', idActe: ID, dateReception: '2018-11-28' }, []],
    ['DemandeClassification', message('DemandeClassification', '', '<actes:DateClassification>2017-04-19</actes:DateClassification>'), { kind: 'DemandeClassification', dateClassification: '2017-04-19' }, []],
    ['an empty DemandeClassification', message('DemandeClassification', ''), { kind: 'DemandeClassification', dateClassification: null }, []],
    [
      'ReponseClassificationSansChangement',
      message('ReponseClassificationSansChangement', '', '<actes:DateClassification>2017-12-08</actes:DateClassification>'),
      { kind: 'ReponseClassificationSansChangement', dateClassification: '2017-12-08' },
      [],
    ],
  ])('reads %s, without warnings, with its attached files', (_, xml, expected, files) => {
    const parsed = parseActesXml(xml, 'm.xml') as ActesMessage;
    expect(parsed).toMatchObject({ ...expected, fileName: 'm.xml', warnings: [] });
    expect(attachedFileNames(parsed)).toEqual(files);
  });

  it('reads an AnomalieEnveloppe with the ministry nature 999 and a warning', () => {
    const enveloppe = `<actes:EnveloppeRecue><actes:Emetteur><actes:IDCL actes:Arrondissement="1" actes:Departement="044" actes:Nature="31" insee:SIREN="214400152"/></actes:Emetteur>
      <actes:AdressesRetour><actes:Email>a@b.fr</actes:Email></actes:AdressesRetour>
      <actes:FormulairesEnvoyes><actes:Formulaire><actes:NomFichier>044-214400152-20180905-4365-DE-1-1_0.xml</actes:NomFichier></actes:Formulaire></actes:FormulairesEnvoyes></actes:EnveloppeRecue>`;
    const parsed = parseActesXml(
      message('AnomalieEnveloppe', '', `<actes:Date>2018-09-25</actes:Date><actes:Nature>999</actes:Nature><actes:Detail>ODT-VERIF-17 : transaction inconnue</actes:Detail>${enveloppe}`),
      'ANO_EACT--214400152--20180925-1.xml',
    );
    expect(parsed).toMatchObject({
      kind: 'AnomalieEnveloppe',
      date: '2018-09-25',
      nature: '999',
      detail: 'ODT-VERIF-17 : transaction inconnue',
      enveloppeRecue: { kind: 'EnveloppeCLMISILL', siren: '214400152', formulaires: ['044-214400152-20180905-4365-DE-1-1_0.xml'] },
      warnings: [{ code: 'anomaly_nature', path: 'AnomalieEnveloppe/Nature' }],
    });
  });

  it('tolerates an S²LOW anomaly "mal présentée": odd nature, no DocumentPapier', () => {
    const echo = ECHO.replace('<actes:DocumentPapier>N</actes:DocumentPapier>', '');
    const parsed = parseActesXml(
      message('AnomalieActe', '', `<actes:Date>2017-07-01</actes:Date><actes:Nature>ERREUR2</actes:Nature>${echo}<actes:ClassificationDateVersionEnCours>2008-12-31</actes:ClassificationDateVersionEnCours>`),
      'a.xml',
    );
    expect(parsed).toMatchObject({ kind: 'AnomalieActe', nature: 'ERREUR2', detail: null, acteRecu: { documentPapier: null } });
    expect((parsed as ActesMessage).warnings.map((w) => [w.code, w.path])).toEqual([
      ['missing_element', 'AnomalieActe/ActeRecu/DocumentPapier'],
      ['anomaly_nature', 'AnomalieActe/Nature'],
    ]);
  });

  it('takes the first of repeated ActeRecu, and keeps an AR whose echo is unreadable', () => {
    const ar = (echo: string) => message('ARActe', `actes:IDActe="${ID}" actes:DateReception="2017-07-26"`, echo);
    const repeated = parseActesXml(ar(`${ECHO}${ECHO.replace('Arrêté', 'Autre')}<actes:ClassificationDateVersionEnCours>2017-07-13</actes:ClassificationDateVersionEnCours>`), 'a.xml');
    expect(repeated).toMatchObject({ acteRecu: { objet: 'Arrêté' }, warnings: [{ code: 'repeated_element', path: 'ARActe/ActeRecu' }] });

    const unreadable = parseActesXml(ar(ECHO.replace('actes:CodeNatureActe="3"', 'actes:CodeNatureActe="9"')), 'a.xml');
    expect(unreadable).toMatchObject({ kind: 'ARActe', idActe: ID, acteRecu: null, classificationDateVersionEnCours: null });
    expect((unreadable as ActesMessage).warnings.map((w) => w.code)).toEqual(['missing_element', 'invalid_acte_recu']);
  });

  it('warns about an IDActe outside the XSD pattern that still names an act', () => {
    const id = '034-000000000-20170701-2017-07-25-AI';
    expect(parseActesXml(message('Annulation', `actes:IDActe="${id}"`), 'a.xml')).toMatchObject({
      idActe: id,
      warnings: [{ code: 'id_acte_pattern', path: 'Annulation' }],
    });
  });

  it.each([
    ['an ARActe without IDActe', message('ARActe', 'actes:DateReception="2017-07-26"', ECHO), { reason: 'missing_attribute', attribute: 'IDActe' }],
    ['an IDActe that names no act', message('ARAnnulation', 'actes:IDActe="12" actes:DateReception="2018-11-28"'), { reason: 'invalid_attribute', attribute: 'IDActe' }],
    ['an impossible DateReception', message('ARAnnulation', `actes:IDActe="${ID}" actes:DateReception="2018-02-30"`), { reason: 'invalid_date', field: 'DateReception' }],
    ['a letter without its document', message('CourrierSimple', courrier), { reason: 'missing_element', element: 'Document' }],
    ['an anomaly without ActeRecu', message('AnomalieActe', '', '<actes:Date>2018-10-12</actes:Date><actes:Nature>002</actes:Nature>'), { reason: 'missing_element', element: 'ActeRecu' }],
    ['pieces without a document', message('PieceComplementaire', courrier, '<actes:Documents/>'), { reason: 'missing_element', element: 'Documents/Document' }],
    ['an AR of pieces without InfosCourrierPref', message('ARPieceComplementaire', 'actes:DateReception="2017-08-01"'), { reason: 'missing_element', element: 'InfosCourrierPref' }],
  ])('refuses %s with INVALID_MESSAGE', (_, xml, details) => {
    expect(failure(() => parseActesXml(xml, 'm.xml'))).toMatchObject({ code: 'INVALID_MESSAGE', details });
  });
});

describe(messageCode.name, () => {
  it('gives the T-F code of every message, and none for an envelope anomaly', () => {
    expect(messageCode({ kind: 'acte' })).toBe('1-1');
    expect(messageCode({ kind: 'ARActe' })).toBe('1-2');
    expect(messageCode({ kind: 'ARReponseRejetLettreObservations' })).toBe('4-5');
    expect(messageCode({ kind: 'ReponseClassificationSansChangement' })).toBe('7-3');
    expect(messageCode({ kind: 'AnomalieEnveloppe' })).toBeNull();
    const codes = Object.values(MESSAGE_CODES).filter((c) => c !== null);
    expect(new Set(codes).size).toBe(21);
  });
});
