import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { CodedError } from '@openactes/domain';
import { parseCsv } from '../csv';
import { fieldNames, validateTable } from '../table-schema';
import { consolidateDecp, type DecpContract } from './consolidate-decp';
import { DECP_CSV_SCHEMA } from './decp-csv-schema';
import { decpToCsv, decpToJson } from './decp-output';
import { readSample, readSampleWithRealSirets, TEST_TODAY } from './decp-samples.testing';
import { normaliseDecp } from './normalise-decp';

const SCHEMAS = path.join(process.env.SHARED_DIR ?? path.resolve(__dirname, '../../../../../shared'), 'schemas');
const officialValidator = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(fs.readFileSync(path.join(SCHEMAS, 'decp-2.0.3.schema.json'), 'utf8')));

const contractsOf = (doc = readSampleWithRealSirets('official-examples/marches_concessions.json')) =>
  consolidateDecp(normaliseDecp(doc, { today: TEST_TODAY }).records).marches;
const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (err) {
    return err instanceof CodedError ? err.code : String(err);
  }
  return 'no error';
};

describe(decpToJson.name, () => {
  it('writes a DECP 2.0.3 document that the official schema accepts', () => {
    const document = JSON.parse(decpToJson(contractsOf())) as { marches: Record<string, unknown[]> };
    expect(officialValidator(document)).toBe(true);
    expect(Object.keys(document.marches)).toEqual(['marche', 'contrat-concession']);
    expect(document.marches.marche).toHaveLength(2);
    expect(document.marches['contrat-concession']).toHaveLength(2);
  });

  it('writes the repaired record of the messy fixture without the keys 2.0.3 forbids', () => {
    const json = decpToJson(contractsOf(readSample('messy/decp-processing-test-fixture-2022-format.json')));
    const document = JSON.parse(json) as { marches: { marche: Record<string, unknown>[] } };
    expect(officialValidator(document)).toBe(true);
    expect(Object.keys(document.marches)).toEqual(['marche']);
    expect(document.marches.marche[0]).not.toHaveProperty('_type');
    expect(document.marches.marche[0]).not.toHaveProperty('autoriteConcedante');
  });

  it('writes an empty list of marchés when there is nothing, which 2.0.3 accepts', () => {
    expect(JSON.parse(decpToJson([]))).toEqual({ marches: { marche: [] } });
    expect(officialValidator(JSON.parse(decpToJson([])))).toBe(true);
  });

  it('refuses to write a contract that is not valid DECP', () => {
    const [contract] = contractsOf();
    const broken = { ...contract, data: { ...contract.data, dureeMois: 0 } } as DecpContract;
    expect(codeOf(() => decpToJson([broken]))).toBe('INTERNAL_ERROR');
  });
});

const header = fieldNames(DECP_CSV_SCHEMA);

describe(decpToCsv.name, () => {
  it('writes one row per contract × holder × state, in the descriptor order, valid against our Table Schema', () => {
    const contracts = contractsOf();
    const [head, ...rows] = parseCsv(decpToCsv(contracts));
    expect(head).toEqual(header);
    expect(validateTable(DECP_CSV_SCHEMA, head, rows)).toMatchObject({ valid: true, warnings: [] });
    const expected = contracts.reduce((n, c) => n + c.states.reduce((m, s) => m + s.holders.length, 0), 0);
    expect(rows).toHaveLength(expected);
    expect(rows).toHaveLength(2 * 2 * 2 + 2 * 2 * 1);
  });

  it('fills each state with the values in force, flags the current one, and keeps SIRETs as strings', () => {
    const contracts = contractsOf();
    const [head, ...rows] = parseCsv(decpToCsv(contracts));
    const cells = rows.map((row) => Object.fromEntries(head.map((name, i) => [name, row[i]])));
    const marche = cells.filter((row) => row.uid === '21690123100011TEST2022');
    expect(marche.map((row) => [row.modification_id, row.modification_date, row.dureeMois, row.montant, row.titulaire_id, row.donneesActuelles])).toEqual([
      ['0', '', '48', '575000', '55204599900869', 'false'],
      ['1', '2022-10-18', '12', '123457.87', '43486131600017', 'true'],
    ]);
    expect(marche[0]).toMatchObject({
      categorie: 'marche',
      acheteur_id: '21690123100011',
      techniques: 'Concours;Accord-cadre',
      marcheInnovant: 'true',
      considerationsSociales: 'Clause sociale;Critère social',
      valeurGlobale: '',
    });
    const concession = cells.filter((row) => row.uid === '215002221000120612202306122024');
    expect(concession.map((row) => [row.modification_id, row.valeurGlobale, row.montant, row.titulaire_id, row.dateSignature])).toEqual([
      ['0', '10.3', '', '38103128500491', '2024-04-02'],
      ['0', '10.3', '', '38103128500574', '2024-04-02'],
      ['1', '25', '', '38103128500491', '2024-04-02'],
      ['1', '25', '', '38103128500574', '2024-04-02'],
    ]);
  });

  it('keeps the leading zero of a holder SIRET', () => {
    const [contract] = contractsOf().filter((c) => c.kind === 'marche');
    const holder = { typeIdentifiant: 'SIRET', id: '05650171100115' };
    const withZero = { ...contract, states: [{ ...contract.states[0], holders: [holder] }] } as DecpContract;
    expect(parseCsv(decpToCsv([withZero]))[1][header.indexOf('titulaire_id')]).toBe('05650171100115');
  });

  it('writes the header alone when there is nothing', () => {
    expect(parseCsv(decpToCsv([]))).toEqual([header]);
  });
});

describe('DECP_CSV_SCHEMA', () => {
  it('names every column, and takes its enums from our DECP JSON Schema', () => {
    for (const field of DECP_CSV_SCHEMA.fields) expect(field.title).toMatch(/\S/);
    const enumOf = (name: string) => DECP_CSV_SCHEMA.fields.find((f) => f.name === name)?.constraints;
    expect(enumOf('nature')).toMatchObject({ enum: expect.arrayContaining(['Marché', 'Délégation de service public']) });
    expect(enumOf('titulaire_typeIdentifiant')).toMatchObject({ enum: ['SIRET', 'TVA', 'TAHITI', 'RIDET', 'FRWF', 'IREP', 'HORS-UE'] });
    expect(enumOf('acheteur_id')).toMatchObject({ pattern: '^\\d{14}$' });
    expect(DECP_CSV_SCHEMA.fields.filter((f) => f.type === 'integer' && f.name.endsWith('_id'))).toHaveLength(1);
  });

  it('refuses a list cell holding a value outside the enum, and a buyer id that is not a SIRET', () => {
    const row = (cells: Record<string, string>) => header.map((name) => cells[name] ?? '');
    const report = validateTable(DECP_CSV_SCHEMA, header, [row({ techniques: 'Concours;Autre', acheteur_id: '21690123100012' })]);
    expect(report.errors.filter((e) => e.column === 'techniques' || e.column === 'acheteur_id').map((e) => `${e.column} ${e.code}`)).toEqual([
      'techniques pattern',
      expect.stringMatching(/^acheteur_id /),
    ]);
  });
});
