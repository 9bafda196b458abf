import type { DecpReport } from '@openactes/formats';
import type { ProcurementReport } from '@openactes/persistence';

/** Enough problems to fix a file; the counts by rule cover all of them. */
const MAX_LISTED_REJECTIONS = 1000;

/** The library's report of one file, as stored and shown: counts, repairs by rule, and the rejected records' problems. */
export function procurementReport(report: DecpReport): Omit<ProcurementReport, 'mergedWithPublished'> {
  const rejectedRecords = new Set(report.rejected.map((r) => r.recordId)).size;
  return {
    source: report.source,
    version: report.version,
    read: report.read,
    valid: report.valid,
    repaired: report.accepted - report.valid,
    accepted: report.accepted,
    rejected: rejectedRecords,
    repairsByRule: countByRule(report.repaired),
    rejectionsByRule: countByRule(report.rejected),
    rejections: report.rejected.slice(0, MAX_LISTED_REJECTIONS).map(({ recordId, rule, path, value }) => ({ recordId, rule, path, value })),
    duplicatesMerged: report.duplicatesMerged,
  };
}

function countByRule(entries: readonly { rule: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { rule } of entries) counts[rule] = (counts[rule] ?? 0) + 1;
  return counts;
}
