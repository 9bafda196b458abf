import * as fs from 'node:fs';
import * as path from 'node:path';
import * as formats from '@openactes/formats';
import { DECP_SAMPLES, TEST_TODAY } from './decp-samples.testing';

describe('@openactes/formats DECP', () => {
  it('runs a file from bytes to the published JSON and CSV and its report, through the public entry point', () => {
    const file = 'decp-processing-test-fixture-2022-format.json';
    const doc = formats.readDecp(fs.readFileSync(path.join(DECP_SAMPLES, 'messy', file)), file);
    const normalised = formats.normaliseDecp(doc, { today: TEST_TODAY });
    const { marches, merged } = formats.consolidateDecp(normalised.records);
    expect(merged).toEqual([]);
    expect(JSON.parse(formats.decpToJson(marches))).toMatchObject({ marches: { marche: [{ id: '2019K1209' }] } });
    expect(formats.decpToCsv(marches).split('\r\n')).toHaveLength(1 + 5 * 3 + 1);
    expect(formats.decpReport(doc, normalised)).toMatchObject({ read: 5, valid: 0, accepted: 1 });
  });

  it('keeps the repair and schema internals private', () => {
    expect(Object.keys(formats)).toEqual(expect.arrayContaining(['DECP_SCHEMA', 'DECP_CSV_SCHEMA']));
    expect(Object.keys(formats)).not.toEqual(expect.arrayContaining(['repairRecord']));
    expect(Object.keys(formats)).not.toEqual(expect.arrayContaining(['decpRecordErrors']));
  });
});
