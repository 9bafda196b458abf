export {
  ACTES_NS,
  INSEE_NS,
  NATURE_ABBREVS,
  OTHER_MESSAGE_ROOTS,
  isEnvelope,
  parseActesXml,
  type ActeMessage,
  type ActesDocument,
  type ActesEnvelope,
  type ActesMessage,
  type EnvelopeCLMISILL,
  type EnvelopeMISILLCL,
  type NatureAbbrev,
  type OtherActesMessage,
  type OtherMessageRoot,
  type Referent,
} from './actes-messages';
export {
  DEFAULT_ARCHIVE_LIMITS,
  readActesArchive,
  type ActesArchive,
  type ArchiveLimits,
  type AttachedFile,
  type ParsedActe,
} from './actes-archive';
export {
  buildActeArchiveFiles,
  writeActeArchive,
  writeArchive,
  type AttachedFileSpec,
  type OutgoingActSpec,
  type WrittenArchive,
} from './actes-writer';
