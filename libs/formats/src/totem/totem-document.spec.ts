import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodedError } from '@openactes/domain';
import { readTotem } from './totem-document';

const SAMPLES = path.join(process.env.SHARED_DIR ?? path.resolve(__dirname, '../../../../../shared'), 'samples/budget');
const sample = (name: string) => fs.readFileSync(path.join(SAMPLES, `${name}.totem.xml`));
const NS = 'http://www.minefi.gouv.fr/cp/demat/docbudgetaire';

/** A minimal budget document; `budget` replaces the content of Budget. */
const totem = ({ root = `DocumentBudgetaire xmlns="${NS}"`, seal = '', budget = '' } = {}) => {
  const rootName = root.split(' ')[0];
  const blocBudget = '<BlocBudget><NatDec V="01"/><Exer V="2024"/></BlocBudget>';
  const enTeteBudget = '<EnTeteBudget><IdEtab V="21560046100010"/><Nomenclature V="M57-M57_A"/></EnTeteBudget>';
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><${root}>${seal}<EnTeteDocBudgetaire><LibelleColl V="Crac’h"/></EnTeteDocBudgetaire>` +
      `<Budget>${budget || enTeteBudget + blocBudget}</Budget></${rootName}>`,
  );
};
const failure = (xml: Buffer): Partial<CodedError> => {
  try {
    readTotem(xml);
  } catch (err) {
    const { code, details } = err as CodedError;
    return { code, details };
  }
  throw new Error('readTotem accepted the document');
};

describe(readTotem.name, () => {
  it.each([
    ['crach-2021-CA-budget-principal', 'budget', 'CRACH', '21560046100010', 'M14-M14_COM_500_3500', '2021', '09', 196, 0, 36, '2d9623a09cb26de0bf3ef19ba7cf35fa'],
    ['crach-2022-BP-budget-principal', 'budget', 'CRACH', '21560046100010', 'M14-M14_COM_500_3500', '2022', '01', 201, 0, 31, '510797942562a3b9b230febcfa09ee6d'],
    ['saint-malo-agglo-2022-BP-transport-M43', 'budget', 'SAINT MALO AGGLOMERATION', '24350078200095', 'M4-M43_D', '2022', '01', 123, 0, 0, '0cafbe323434c999f072f019ae0a6267'],
    ['mohon-2023-CFU-M57', 'cfu', 'COMMUNE DE MOHON (M57)', '21560134500014', 'M57-M57_A', '2023', '10', 796, 633, 37, '467af26ebbe62b573dd9312438286f38'],
  ])('reads the header, lines and CONCOURS of %s', (name, kind, collectivity, siret, nomenclature, year, natDec, lines, calculated, concours, md5) => {
    const doc = readTotem(sample(name));
    expect(doc).toMatchObject({ kind, collectivity: { name: collectivity, siret }, budget: { siret }, nomenclature, year, natDec, seal: { md5 } });
    expect(doc.lines).toHaveLength(lines);
    expect(doc.lines.filter((l) => l.calculated)).toHaveLength(calculated);
    expect(doc.concours).toHaveLength(concours);
  });

  it('decodes ISO-8859-1 and reads the values of a line', () => {
    const doc = readTotem(sample('crach-2021-CA-budget-principal'));
    expect(doc).toMatchObject({ norme: 'M14', declinaison: 'M14_COM_500_3500', budget: { name: 'BUDGET PRINCIPAL', code: '00', type: 'P' } });
    expect(doc.lines[1]).toEqual({
      position: 2,
      calculated: false,
      nature: '2804412',
      contNat: '040',
      codRD: 'R',
      opBudg: '1',
      typOpBudg: '2',
      artSpe: 'false',
      section: 'I',
      amounts: { MtPropNouv: '39095.20', MtPrev: '39095.20', CredOuv: '39095.20', MtReal: '39095.20' },
    });
    expect(doc.concours[0]).toEqual({ position: 1, legalNature: 'P1', beneficiary: 'LES RESTOS DU COEUR', amount: '150.00' });
    expect(readTotem(sample('mohon-2023-CFU-M57')).lines[1].libCpte).toBe("Résultat d'exploitation reporté");
  });

  it('refuses a root that is not a TOTEM document, or is in another namespace', () => {
    expect(failure(totem({ root: `Budget xmlns="${NS}"` }))).toMatchObject({ code: 'INVALID_TOTEM', details: { reason: 'root' } });
    expect(failure(totem({ root: 'DocumentBudgetaire xmlns="urn:other"' }))).toMatchObject({ code: 'INVALID_TOTEM', details: { reason: 'namespace' } });
    expect(failure(totem({ root: `CompteFinancierUnique xmlns="${NS}"` }))).toMatchObject({ code: 'INVALID_TOTEM', details: { reason: 'namespace' } });
    const emptyCfu = Buffer.from('<cfu:CompteFinancierUnique xmlns:cfu="http://www.minefi.gouv.fr/cp/demat/doccfu"/>');
    expect(failure(emptyCfu)).toMatchObject({ code: 'INVALID_TOTEM', details: { reason: 'missing' } });
  });

  it('refuses a seal without well-formed hashes (their value cannot be recomputed from the file)', () => {
    expect(readTotem(totem()).seal).toBeUndefined();
    expect(failure(totem({ seal: '<Scellement md5="tampered" sha1=""/>' }))).toMatchObject({ code: 'INVALID_TOTEM', details: { reason: 'seal' } });
  });

  it('refuses missing or unreadable header values', () => {
    const enTete = (nomenclature: string) => `<EnTeteBudget><Nomenclature V="${nomenclature}"/></EnTeteBudget>`;
    expect(failure(totem({ budget: enTete('M57-M57_A') }))).toMatchObject({ code: 'INVALID_TOTEM', details: { reason: 'missing' } });
    expect(failure(totem({ budget: `${enTete('../../etc')}<BlocBudget><NatDec V="01"/><Exer V="2024"/></BlocBudget>` }))).toMatchObject({
      code: 'INVALID_TOTEM',
      details: { reason: 'nomenclature' },
    });
    expect(failure(totem({ budget: `${enTete('M57-M57_A')}<BlocBudget><NatDec V="01"/><Exer V="24"/></BlocBudget>` }))).toMatchObject({
      code: 'INVALID_TOTEM',
      details: { reason: 'year' },
    });
  });

  it('leaves malformed XML and DOCTYPEs to the XML layer', () => {
    expect(failure(Buffer.from('<DocumentBudgetaire>'))).toMatchObject({ code: 'INVALID_XML' });
    expect(failure(Buffer.from('<!DOCTYPE x [<!ENTITY a "b">]><DocumentBudgetaire/>'))).toMatchObject({ code: 'INVALID_XML' });
  });
});
