import { CodedError, parseIdActe } from '@openactes/domain';
import { buildCollectivityArchiveFiles, writeArchive, type WrittenArchive } from '@openactes/formats';

/** A file of a platform transaction, as listed and downloaded. */
export interface PulledFile {
  name: string;
  /** ACTES typology of the piece (e.g. 99_DE), or null. */
  codePj: string | null;
  data: Buffer;
}

export interface PulledTransaction {
  remoteId: string;
  /** In the platform's order: the Acte `{IDActe}-1-1_0.xml` first, then the document and the annexes. */
  files: readonly PulledFile[];
}

const ACTE_FILE = /^(.+)-1-1_0\.xml$/i;
const TYPOLOGY_PREFIX = /^[0-9A-Z]{2}_[A-Z]{2}-/;
const TYPOLOGY = /^[0-9A-Z]{2}_[A-Z]{2}$/;

/**
 * The ACTES archive the collectivity sent, rebuilt from a pulled transaction: its own Acte XML
 * and files, byte for byte, plus a generated EnveloppeCLMISILL (the platform does not give the
 * original one). The same files always give the same bytes, so a re-pull is the same payload.
 * Nothing is parsed here: the payload is stored before anything reads it.
 */
export function buildPulledArchive({ remoteId, files }: PulledTransaction): WrittenArchive {
  const [acte, ...attached] = files;
  const idActe = acte && ACTE_FILE.exec(acte.name)?.[1];
  const parts = idActe ? parseIdActe(idActe) : null;
  if (!parts) {
    throw new CodedError('PLATFORM_BAD_RESPONSE', `Transaction ${remoteId}: the first file is not an Acte named {IDActe}-1-1_0.xml`, {
      remoteId,
      fileName: acte?.name ?? null,
    });
  }
  const members = [{ name: acte.name, data: acte.data }, ...attached.map((f) => ({ name: archiveName(f, acte.data), data: f.data }))];
  const names = new Set(members.map((m) => m.name));
  if (names.size !== members.length) throw new CodedError('PLATFORM_BAD_RESPONSE', `Transaction ${remoteId}: two files have the same name`, { remoteId });
  const transmissionNumber = /^[1-9]\d{0,9}$/.test(remoteId) ? Number(remoteId) : 1;
  const { archiveName: name, files: tarFiles } = buildCollectivityArchiveFiles(
    { siren: parts.siren, departement: parts.departement, transmissionDate: parts.date, transmissionNumber },
    members,
  );
  return writeArchive(tarFiles, name);
}

/**
 * The name the Acte XML gives the file: kept when the Acte mentions it, otherwise prefixed
 * with its typology (ACTES v2 names pieces `{code_pj}-{name}`) when it lacks one.
 */
function archiveName(file: PulledFile, acteXml: Buffer): string {
  // File names are ASCII, so a byte search finds them in Latin-1 and UTF-8 XML alike.
  if (acteXml.includes(`>${file.name}<`)) return file.name;
  return file.codePj && TYPOLOGY.test(file.codePj) && !TYPOLOGY_PREFIX.test(file.name) ? `${file.codePj}-${file.name}` : file.name;
}
