export { decodeCsv, detectSeparator, type CsvEncoding, type CsvSeparator, type DecodedCsv } from './decode-csv';
export { LEGACY_HEADERS, mapSubventionsHeader, SUBVENTIONS_FIELDS, type HeaderMapping } from './subvention-headers';
export { repairSubventionRow, type SubventionRepair, type SubventionRepairRule } from './subvention-repairs';
export { attribuantSirens, normaliseSubventions, type NormalisedSubventions, type SubventionFileReport, type SubventionRowOutcome } from './normalise-subventions';
