export { consolidateDecp, type DecpConsolidation, type DecpContract, type DecpContractState, type DecpMerge } from './consolidate-decp';
export { DECP_CSV_SCHEMA } from './decp-csv-schema';
export { decpToCsv, decpToJson } from './decp-output';
export { decpReport, type DecpReport } from './decp-report';
export { DECP_SCHEMA } from './decp-schema';
export type {
  DecpContratConcession,
  DecpDocument,
  DecpKind,
  DecpMarche,
  DecpOperateur,
  DecpRecord,
  DecpRejection,
  DecpRepair,
  DecpSourceRecord,
  DecpVersion,
} from './decp-types';
export { normaliseDecp, type NormalisedDecp, type NormaliseOptions } from './normalise-decp';
export { readDecp } from './read-decp';
