import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ACTES_NS } from './actes-messages';
import { reportXsdDrifts } from './actes-xsd-report';
import { parseXml } from './xml';

const SAMPLES = path.join(process.env.SHARED_DIR ?? path.resolve(__dirname, '../../../../../shared'), 'samples/actes');
const drifts = (xml: Buffer | string, name = 'm.xml') => reportXsdDrifts(parseXml(Buffer.from(xml), name)).map((w) => [w.code, w.path]);

const acte = (inner: string, numero = 'D42') =>
  `<actes:Acte xmlns:actes="${ACTES_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" actes:Date="2024-03-05" actes:NumeroInterne="${numero}" actes:CodeNatureActe="1">${inner}</actes:Acte>`;
const M1 = '<actes:CodeMatiere1 actes:CodeMatiere="7"/>';
const M2 = '<actes:CodeMatiere2 actes:CodeMatiere="1"/>';
const OBJET = '<actes:Objet>Budget</actes:Objet>';
const REST = `<actes:ClassificationDateVersion>2023-12-01</actes:ClassificationDateVersion>
  <actes:Document><actes:NomFichier>a.pdf</actes:NomFichier></actes:Document><actes:Annexes actes:Nombre="0"/>`;
const PAPIER = '<actes:DocumentPapier>N</actes:DocumentPapier>';

describe(reportXsdDrifts.name, () => {
  it.each(['034-491011698-20171207-CL20171227_06-DE-1-1_0.xml', '006-210600730-20180115-007-AR-1-1_0.xml', 'exemple_codes_matieres.xml'])(
    'finds nothing in the valid sample %s',
    (name) => expect(drifts(readFileSync(path.join(SAMPLES, name)), name)).toEqual([]),
  );

  it('accepts an empty or nil DocumentPapier', () => {
    expect(drifts(acte(`${M1}${M2}${OBJET}${REST}<actes:DocumentPapier/>`))).toEqual([]);
    expect(drifts(acte(`${M1}${M2}${OBJET}${REST}<actes:DocumentPapier xsi:nil="true"/>`))).toEqual([]);
  });

  it.each([
    ['a missing DocumentPapier (XSD before v2)', acte(`${M1}${M2}${OBJET}${REST}`), [['missing_element', 'Acte/DocumentPapier']]],
    ['an odd DocumentPapier', acte(`${M1}${M2}${OBJET}${REST}<actes:DocumentPapier>0</actes:DocumentPapier>`), [['odd_document_papier', 'Acte/DocumentPapier']]],
    ['an Objet over 500 characters', acte(`${M1}${M2}<actes:Objet>${'x'.repeat(501)}</actes:Objet>${REST}${PAPIER}`), [['objet_too_long', 'Acte/Objet']]],
    ['a NumeroInterne over 15 characters', acte(`${M1}${M2}${OBJET}${REST}${PAPIER}`, 'D'.repeat(16)), [['numero_interne_too_long', 'Acte']]],
    ['a NumeroInterne outside [A-Za-z0-9_]', acte(`${M1}${M2}${OBJET}${REST}${PAPIER}`, '2024-42'), [['numero_interne_charset', 'Acte']]],
    ['elements out of order', acte(`${M1}${OBJET}${M2}${REST}${PAPIER}`), [['element_order', 'Acte/CodeMatiere2']]],
    ['an unknown element', acte(`${M1}${M2}${OBJET}<actes:Commentaire/>${REST}${PAPIER}`), [['unexpected_element', 'Acte/Commentaire']]],
    ['a repeated element', acte(`${M1}${M2}${OBJET}${OBJET}${REST}${PAPIER}`), [['repeated_element', 'Acte/Objet']]],
    ['an Annexe without NomFichier', acte(`${M1}${M2}${OBJET}${REST.replace('actes:Nombre="0"/>', 'actes:Nombre="1"><actes:Annexe/></actes:Annexes>')}${PAPIER}`), [['missing_element', 'Acte/Annexes/Annexe/NomFichier']]],
  ])('reports %s', (_, xml, expected) => expect(drifts(xml)).toEqual(expected));

  const anomalieEnveloppe = (nature: string) =>
    `<a:AnomalieEnveloppe xmlns:a="${ACTES_NS}" xmlns:i="http://xml.insee.fr/schema"><a:Date>2018-09-25</a:Date><a:Nature>${nature}</a:Nature><a:EnveloppeRecue><a:Emetteur><a:IDCL i:SIREN="214400152" a:Departement="044" a:Arrondissement="1" a:Nature="31"/></a:Emetteur><a:AdressesRetour><a:Email>a@b.fr</a:Email></a:AdressesRetour><a:FormulairesEnvoyes><a:Formulaire><a:NomFichier>x.xml</a:NomFichier></a:Formulaire></a:FormulairesEnvoyes></a:EnveloppeRecue></a:AnomalieEnveloppe>`;

  it.each(['001', '5', '100'])('accepts the envelope anomaly nature %s of the XSD enumeration', (nature) => {
    expect(drifts(anomalieEnveloppe(nature))).toEqual([]);
  });

  it.each(['999', '6', 'PREF'])('reports the envelope anomaly nature %s the XSD rejects', (nature) => {
    expect(drifts(anomalieEnveloppe(nature))).toEqual([['anomaly_nature', 'AnomalieEnveloppe/Nature']]);
  });

  it('reports an IDActe outside the XSD pattern', () => {
    expect(drifts(`<a:ARAnnulation xmlns:a="${ACTES_NS}" a:IDActe="035-213502388-20240305-2024-42-DE" a:DateReception="2024-04-02"/>`)).toEqual([
      ['id_acte_pattern', 'ARAnnulation'],
    ]);
  });

  it('checks nothing in an envelope', () => {
    expect(drifts(readFileSync(path.join(SAMPLES, 'EACT--210600730--20180115-1.xml')))).toEqual([]);
  });
});
