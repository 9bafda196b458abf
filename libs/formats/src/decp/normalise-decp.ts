import type { ErrorObject } from 'ajv';
import { decpRuleProblems, type DecpProblem } from './decp-checks';
import { decpRecordErrors } from './decp-schema';
import type { DecpDocument, DecpKind, DecpRecord, DecpRejection, DecpRepair, DecpVersion } from './decp-types';
import { isBlank } from './decp-values';
import { FIELDS_NEW_IN_2X, legacyToCurrent } from './legacy-decp';
import { isPlainObject, pointer, repairRecord } from './repair-record';

export interface NormalisedDecp {
  /** Records valid against our DECP 2.0.3 schema and the checks beyond it, in source order. */
  records: DecpRecord[];
  /** Every change made, to the whole document and to each record (rejected ones too: a producer sees what was fixed and what was not). */
  repairs: DecpRepair[];
  /** Every problem of every record left out (a record may have several). */
  rejections: DecpRejection[];
}

export interface NormaliseOptions {
  /** `AAAA-MM-JJ` after which a date is in the future; the current UTC day by default. */
  today?: string;
}

/**
 * Maps legacy records to 2.x, repairs what can be read only one way, then
 * validates each record against our DECP 2.0.3 schema and the rules beyond it.
 * A record is kept whole or rejected whole, with all its problems: nothing is
 * dropped without a rejection saying why.
 */
export function normaliseDecp(doc: DecpDocument, options: NormaliseOptions = {}): NormalisedDecp {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const result: NormalisedDecp = { records: [], repairs: [...doc.repairs], rejections: [] };
  for (const { recordId, kind, data } of doc.records) {
    const mapped = doc.version === '1.5' ? legacyToCurrent(kind, data, recordId) : { data, repairs: [] };
    const repaired = repairRecord(kind, mapped.data, recordId);
    result.repairs.push(...mapped.repairs, ...repaired.repairs);
    const problems = recordProblems(kind, repaired.data, doc.version, today);
    if (problems.length > 0) result.rejections.push(...problems.map((problem) => ({ recordId, ...problem })));
    else result.records.push({ recordId, kind, data: repaired.data } as DecpRecord);
  }
  return result;
}

function recordProblems(kind: DecpKind, data: unknown, version: DecpVersion, today: string): DecpProblem[] {
  const problems = [...decpRecordErrors(kind, data).map((error) => schemaProblem(error, data, kind, version)), ...decpRuleProblems(data, today)];
  const seen = new Set<string>();
  // ajv may report one value twice (pattern and format of a date): one problem per rule and path.
  return problems.filter((problem) => {
    const key = `${problem.rule} ${problem.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A schema error as a problem: the rule is the JSON Schema keyword
 * (`required`, `enum`, `minimum`, `additionalProperties`…), except
 * `missing-value` for a value standing for "unknown" (`NC`, `null`, `""`) and
 * `no-legacy-source` for a required 2.x field that DECP 1.5 cannot carry.
 */
function schemaProblem(error: ErrorObject, data: unknown, kind: DecpKind, version: DecpVersion): DecpProblem {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const field = error.keyword === 'required' ? params.missingProperty : error.keyword === 'additionalProperties' ? params.additionalProperty : undefined;
  const path = field === undefined ? error.instancePath : pointer(error.instancePath, field);
  const value = valueAt(data, path);
  let rule = error.keyword;
  if (error.keyword === 'required' && version === '1.5' && error.instancePath === '' && FIELDS_NEW_IN_2X[kind].includes(field!)) rule = 'no-legacy-source';
  else if (error.keyword !== 'required' && isBlank(value)) rule = 'missing-value';
  return { rule, path, value, message: `${path || '/'} ${error.message ?? error.keyword}` };
}

function valueAt(data: unknown, path: string): unknown {
  let node = data;
  for (const token of path.split('/').slice(1)) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    node = Array.isArray(node) ? node[Number(key)] : isPlainObject(node) ? node[key] : undefined;
  }
  return node;
}
