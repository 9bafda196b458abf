import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodedError } from '@openactes/domain';
import { bareNanToNull, readDecp } from './read-decp';

const SAMPLES = path.join(process.env.SHARED_DIR ?? path.resolve(__dirname, '../../../../../shared'), 'samples/decp');
const sample = (file: string) => readDecp(fs.readFileSync(path.join(SAMPLES, file)), path.basename(file));
const read = (text: string, fileName = 'test') => readDecp(Buffer.from(text), fileName);
const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (err) {
    return err instanceof CodedError ? [err.code, err.details?.reason] : ['not coded', String(err)];
  }
  return ['no error'];
};

describe(readDecp.name, () => {
  it.each([
    ['official-examples/marches_avec_modifications.json', 'json', '2.0', { marche: 2 }],
    ['official-examples/concessions.json', 'json', '2.0', { 'contrat-concession': 2 }],
    ['official-examples/marches_concessions.json', 'json', '2.0', { marche: 2, 'contrat-concession': 2 }],
    ['official-examples/Marche.xml', 'xml', '2.0', { marche: 2 }],
    ['official-examples/Contrat-concession-modification.xml', 'xml', '2.0', { 'contrat-concession': 2 }],
    ['real/decp-59920013600241-2024-07-09-01.json', 'json', '2.0', { marche: 5 }],
    ['messy/decp-processing-test-fixture-2022-format.json', 'json', '2.0', { marche: 5 }],
    ['messy/decp-processing-test-fixture-2019-format.json', 'json', '1.5', { marche: 2 }],
  ])('reads %s as %s DECP %s', (file, format, version, kinds) => {
    const doc = sample(file);
    expect([doc.format, doc.version]).toEqual([format, version]);
    const counts = doc.records.reduce<Record<string, number>>((n, r) => ({ ...n, [r.kind]: (n[r.kind] ?? 0) + 1 }), {});
    expect(counts).toEqual(kinds);
  });

  it('names each record by its file and JSON Pointer', () => {
    expect(sample('official-examples/marches_concessions.json').records.map((r) => r.recordId)).toEqual([
      'marches_concessions.json#/marches/contrat-concession/0',
      'marches_concessions.json#/marches/contrat-concession/1',
      'marches_concessions.json#/marches/marche/0',
      'marches_concessions.json#/marches/marche/1',
    ]);
    expect(sample('messy/decp-processing-test-fixture-2019-format.json').records[1].recordId).toBe('decp-processing-test-fixture-2019-format.json#/marches/1');
  });

  it('reads the bare NaN pandas writes as null, and records it', () => {
    const doc = sample('messy/decp-processing-test-fixture-2022-format.json');
    expect(doc.repairs).toEqual([{ recordId: 'decp-processing-test-fixture-2022-format.json#', path: '', rule: 'bare-nan', before: 'NaN', after: null }]);
    expect((doc.records[2].data as { concessionnaires: unknown }).concessionnaires).toBeNull();
  });

  it('converts XML 2.0.2 to the JSON structure, with XSD booleans and numbers', () => {
    const record = sample('official-examples/Marche.xml').records[0].data as Record<string, unknown>;
    expect(record).toMatchObject({
      id: 'TEST2022',
      acheteur: { id: '21750001630040' },
      marcheInnovant: true,
      attributionAvance: true,
      sousTraitanceDeclaree: true,
      origineUE: 0.1,
      offresRecues: 4,
      tauxAvance: 0,
      montant: 575000,
      codeCPV: '45000000-7',
      techniques: { technique: ['Concours', 'Accord-cadre'] },
      considerationsSociales: { considerationSociale: ['Clause sociale', 'Critère social'] },
      titulaires: [{ titulaire: { id: '55204599900869', typeIdentifiant: 'SIRET' } }],
      lieuExecution: { code: '75000', typeCode: 'Code postal' },
      actesSousTraitance: [
        {
          acteSousTraitance: {
            id: 1,
            sousTraitant: { id: '214356', typeIdentifiant: 'SIRET' },
            dureeMois: 12,
            dateNotification: '2024-10-11',
            montant: 123456.89,
            variationPrix: 'Révisable',
            datePublicationDonnees: '2024-10-12',
          },
        },
      ],
    });
  });

  it('reads the concession lists of XML (tarifs, modifications) as JSON does', () => {
    const record = sample('official-examples/Contrat-concession-modification.xml').records[0].data;
    expect(record).toMatchObject({
      valeurGlobale: 10.3,
      donneesExecution: [{ donneesAnnuelles: { depensesInvestissement: 15.3, tarifs: [{ tarif: { intituleTarif: 'Intitulé du tarif', tarif: 14.29 } }] } }],
      concessionnaires: [{ concessionnaire: { typeIdentifiant: 'SIRET', id: '38103128500491' } }, { concessionnaire: { typeIdentifiant: 'SIRET', id: '38103128500574' } }],
      modifications: [{ modification: { id: 1, dateSignatureModification: '2024-04-19', dureeMois: 14, valeurGlobale: 25 } }],
    });
  });

  it('reads every XSD boolean spelling, the XSD item name modificationActesSousTraitance, and empty elements as absent', () => {
    const xml = (innovant: string) => `<?xml version="1.0" encoding="UTF-8"?>
      <marches><marche><marcheInnovant>${innovant}</marcheInnovant><origineUE/><idAccordCadre></idAccordCadre>
        <modificationsActesSousTraitance><modificationActesSousTraitance><id>2</id><montant>10</montant></modificationActesSousTraitance></modificationsActesSousTraitance>
      </marche></marches>`;
    const data = (innovant: string) => read(xml(innovant)).records[0].data as Record<string, unknown>;
    expect(['oui', 'true', '1', 'non', 'false', '0', 'Oui'].map((b) => data(b).marcheInnovant)).toEqual([true, true, true, false, false, false, 'Oui']);
    expect(data('oui')).toEqual({ marcheInnovant: true, modificationsActesSousTraitance: [{ modificationActeSousTraitance: { id: 2, montant: 10 } }] });
  });

  it('keeps elements the format does not know, for validation to refuse', () => {
    const doc = read('<marches><marche><id>1</id><extra><a>x</a><a>y</a></extra><montant>1 234,50</montant></marche></marches>');
    expect(doc.records[0].data).toEqual({ id: '1', extra: { a: ['x', 'y'] }, montant: '1 234,50' });
  });

  it('files a record by what it is when its list says otherwise', () => {
    const doc = read(JSON.stringify({ marches: { marche: [{ id: 'C1', autoriteConcedante: { id: '21500222100012' } }, { id: 'M1', acheteur: { id: '21500222100012' } }] } }), 'mixed.json');
    expect(doc.records.map((r) => r.kind)).toEqual(['contrat-concession', 'marche']);
    expect(doc.repairs).toEqual([{ recordId: 'mixed.json#/marches/marche/0', path: '', rule: 'kind-from-content', before: 'marche', after: 'contrat-concession' }]);
  });

  it('accepts a single record in place of a list, and a UTF-8 BOM', () => {
    const doc = readDecp(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"marches":{"marche":{"id":"M1"}}}')]), 'one.json');
    expect(doc.records).toEqual([{ recordId: 'one.json#/marches/marche/0', kind: 'marche', data: { id: 'M1' } }]);
    expect(doc.repairs.map((r) => r.rule)).toEqual(['single-to-list']);
  });

  it.each([
    ['plain text', 'marché 2024', 'not-json-or-xml'],
    ['JSON without "marches"', '{"data": []}', 'unknown-version'],
    ['a bare list of records', '[{"id": "1"}]', 'unknown-version'],
    ['"marches" as a string', '{"marches": "none"}', 'unknown-version'],
    ['a list that is a number', '{"marches": {"marche": 3}}', 'unknown-version'],
    ['malformed JSON', '{"marches": {"marche": [', 'malformed'],
    ['JSON that is not UTF-8', '{"marches": {"marche": [{"objet": "\xe9"}]}}', 'bad-encoding'],
    ['another XML root', '<DocumentBudgetaire/>', 'unknown-version'],
    ['an unknown child of <marches>', '<marches><accord/></marches>', 'unknown-version'],
  ])('refuses %s with INVALID_DECP', (_what, text, reason) => {
    const bytes = reason === 'bad-encoding' ? Buffer.from(text, 'latin1') : Buffer.from(text);
    expect(codeOf(() => readDecp(bytes, 'x'))).toEqual(['INVALID_DECP', reason]);
  });

  it('refuses XML with a DOCTYPE as INVALID_XML', () => {
    expect(codeOf(() => read('<!DOCTYPE marches [<!ENTITY x "y">]><marches/>'))).toEqual(['INVALID_XML', 'doctype']);
  });
});

describe(bareNanToNull.name, () => {
  it('replaces NaN tokens only, not inside strings or names', () => {
    expect(bareNanToNull('{"a": NaN, "b": "NaN", "c": [NaN], "d": "x\\"NaN", "NaNa": 1}')).toEqual({
      text: '{"a": null, "b": "NaN", "c": [null], "d": "x\\"NaN", "NaNa": 1}',
      count: 2,
    });
  });
});
