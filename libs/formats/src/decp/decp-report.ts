import { consolidateDecp } from './consolidate-decp';
import type { DecpDocument, DecpRejection, DecpRepair, DecpVersion } from './decp-types';
import type { NormalisedDecp } from './normalise-decp';

/** What became of one source file's records. */
export interface DecpReport {
  source: string;
  version: DecpVersion;
  /** Records in the file. */
  read: number;
  /** Records kept without any change. */
  valid: number;
  /** Records kept, as they were or after repairs (`read - accepted` were rejected). */
  accepted: number;
  /** Every repair, on kept and rejected records alike. */
  repaired: DecpRepair[];
  /** Every problem of the rejected records. */
  rejected: DecpRejection[];
  /** Kept records that were another version of a contract already in the file. */
  duplicatesMerged: number;
}

export function decpReport(doc: DecpDocument, normalised: NormalisedDecp): DecpReport {
  const repairedIds = new Set(normalised.repairs.map((repair) => repair.recordId));
  const { merged } = consolidateDecp(normalised.records);
  return {
    source: doc.source,
    version: doc.version,
    read: doc.records.length,
    valid: normalised.records.filter((record) => !repairedIds.has(record.recordId)).length,
    accepted: normalised.records.length,
    repaired: normalised.repairs,
    rejected: normalised.rejections,
    duplicatesMerged: merged.reduce((count, group) => count + group.recordIds.length - 1, 0),
  };
}
