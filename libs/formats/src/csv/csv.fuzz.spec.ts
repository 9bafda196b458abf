import fc from 'fast-check';
import { FUZZ_RUNS, insertions, parsesOrCodedError } from '../fuzz.testing';
import { SCDL_DELIBERATIONS_SCHEMA } from '../table-schema/descriptors/scdl-deliberations';
import { fieldNames } from '../table-schema/table-schema';
import { validateTable } from '../table-schema/validate-table';
import { parseCsv, toCsv } from './csv';

const header = fieldNames(SCDL_DELIBERATIONS_SCHEMA);
const row = header.map((name) => (/DATE/.test(name) ? '2026-03-05' : /SIREN/.test(name) ? '213509821' : /SIRET/.test(name) ? '21350982100011' : `valeur, "${name}"`));
const CSV = toCsv(header, [row, row.map((v) => v.toUpperCase())]);

/** Hostile input: CSV parsing then Table Schema validation report problems as data or coded errors, never a crash. */
describe('parseCsv + validateTable', () => {
  const parseAndValidate = (text: string) => {
    const [head = [], ...rows] = parseCsv(text);
    validateTable(SCDL_DELIBERATIONS_SCHEMA, head, rows);
  };

  it('survives insertions into a valid file', () => {
    fc.assert(fc.property(insertions(CSV), (text) => parsesOrCodedError(() => parseAndValidate(text))), { numRuns: FUZZ_RUNS });
  });

  it('survives arbitrary text and arbitrary cells under the real header', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 512 }), (text) => parsesOrCodedError(() => parseAndValidate(text))), { numRuns: FUZZ_RUNS });
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ maxLength: 24 }), { maxLength: header.length + 2 }), { maxLength: 8 }), (rows) =>
        parsesOrCodedError(() => validateTable(SCDL_DELIBERATIONS_SCHEMA, header, rows)),
      ),
      { numRuns: FUZZ_RUNS },
    );
  });
});
