import { decpReport } from './decp-report';
import { readSample, readSampleWithRealSirets, TEST_TODAY } from './decp-samples.testing';
import type { DecpDocument } from './decp-types';
import { normaliseDecp } from './normalise-decp';

const countByRule = (list: { rule: string }[]) => list.reduce<Record<string, number>>((n, e) => ({ ...n, [e.rule]: (n[e.rule] ?? 0) + 1 }), {});

/** The report in numbers: counts, repairs and rejections by rule, rejected records. */
function summary(doc: DecpDocument) {
  const report = decpReport(doc, normaliseDecp(doc, { today: TEST_TODAY }));
  return {
    read: report.read,
    valid: report.valid,
    accepted: report.accepted,
    repaired: countByRule(report.repaired),
    rejected: countByRule(report.rejected),
    rejectedRecords: new Set(report.rejected.map((r) => r.recordId)).size,
    duplicatesMerged: report.duplicatesMerged,
  };
}

const none = {};

describe(decpReport.name, () => {
  it.each([
    ['official-examples/Marche.xml', 2, 0, 0, none, { 'invalid-siret': 2 }, 2, 0],
    ['official-examples/Contrat-concession.xml', 2, 0, 0, none, { 'invalid-siret': 2 }, 2, 0],
    ['official-examples/Contrat-concession-modification.xml', 2, 0, 0, none, { 'invalid-siret': 2 }, 2, 0],
    ['official-examples/concessions.json', 2, 0, 0, none, { 'invalid-siret': 2 }, 2, 0],
    ['official-examples/concessions_avec_modifications.json', 2, 0, 0, none, { 'invalid-siret': 2 }, 2, 0],
    ['official-examples/marches_avec_modifications.json', 2, 0, 0, none, { 'invalid-siret': 5 }, 2, 0],
    ['official-examples/marches_concessions.json', 4, 0, 0, none, { 'invalid-siret': 7 }, 4, 0],
    [
      'real/decp-59920013600241-2024-07-09-01.json',
      5,
      0,
      0,
      { 'type-marker-dropped': 5, 'text-whitespace': 5, 'empty-list-dropped': 10 },
      { required: 25 },
      5,
      0,
    ],
    [
      'messy/decp-processing-test-fixture-2022-format.json',
      5,
      0,
      1,
      {
        'bare-nan': 1,
        'type-marker-dropped': 5,
        'foreign-empty-key-dropped': 21,
        'empty-item-dropped': 4,
        'empty-list-dropped': 2,
        'empty-optional-dropped': 3,
        'list-item-wrapped': 1,
        'boolean-format': 1,
        'enum-spelling': 1,
      },
      {
        'invalid-siret': 5,
        minimum: 2,
        required: 3,
        'date-in-future': 2,
        'missing-value': 1,
        'origine-france-above-ue': 1,
        'amount-implausible': 1,
        'published-before-event': 1,
      },
      4,
      0,
    ],
    [
      'messy/decp-processing-test-fixture-2019-format.json',
      2,
      0,
      0,
      {
        'legacy-key-dropped': 5,
        'legacy-price-form': 1,
        'legacy-modification-numbered': 1,
        'dotted-key': 1,
        'nested-list-flattened': 2,
        'list-item-wrapped': 7,
        'unknown-key-dropped': 8,
      },
      { 'no-legacy-source': 21, 'invalid-siret': 3, 'missing-value': 1, 'origine-france-above-ue': 1 },
      2,
      0,
    ],
  ])('%s: %i read, %i valid as is, %i kept', (file, read, valid, accepted, repaired, rejected, rejectedRecords, duplicatesMerged) => {
    expect(summary(readSample(file))).toEqual({ read, valid, accepted, repaired, rejected, rejectedRecords, duplicatesMerged });
  });

  it.each([
    ['Marche.xml', 2, 1],
    ['Contrat-concession.xml', 2, 1],
    ['Contrat-concession-modification.xml', 2, 1],
    ['concessions.json', 2, 0],
    ['concessions_avec_modifications.json', 2, 0],
    ['marches_avec_modifications.json', 2, 0],
    ['marches_concessions.json', 4, 0],
  ])('official example %s with real SIRETs: all %i valid as is, %i duplicate merged', (file, read, duplicatesMerged) => {
    expect(summary(readSampleWithRealSirets(`official-examples/${file}`))).toEqual({
      read,
      valid: read,
      accepted: read,
      repaired: none,
      rejected: none,
      rejectedRecords: 0,
      duplicatesMerged,
    });
  });

  it('names its source and version, and lists every repair and rejection with its record', () => {
    const doc = readSample('messy/decp-processing-test-fixture-2022-format.json');
    const report = decpReport(doc, normaliseDecp(doc, { today: TEST_TODAY }));
    expect(report).toMatchObject({ source: 'decp-processing-test-fixture-2022-format.json', version: '2.0' });
    expect(report.rejected[0]).toEqual({
      recordId: 'decp-processing-test-fixture-2022-format.json#/marches/marche/0',
      rule: 'minimum',
      path: '/offresRecues',
      value: 0,
      message: '/offresRecues must be >= 1',
    });
    expect(report.repaired.find((r) => r.rule === 'boolean-format')).toEqual({
      recordId: 'decp-processing-test-fixture-2022-format.json#/marches/marche/2',
      path: '/marcheInnovant',
      rule: 'boolean-format',
      before: 'non',
      after: false,
    });
  });
});
