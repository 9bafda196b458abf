import { createHash } from 'node:crypto';
import { CodedError } from '@openactes/domain';
import { gunzipBounded } from '../archive/gzip';
import { readTar } from '../archive/tar';
import { ActeMessage, ActesEnvelope, ActesMessage, attachedFileNames, isEnvelope, parseActesXml } from './actes-messages';

export interface ArchiveLimits {
  /** Size of the .tar.gz itself; callers should check it before buffering more. */
  maxCompressedBytes: number;
  maxBytes: number;
  maxRatio: number;
  maxEntries: number;
  maxEntrySize: number;
}

const MiB = 1024 * 1024;
export const DEFAULT_ARCHIVE_LIMITS: Readonly<ArchiveLimits> = Object.freeze({
  maxCompressedBytes: 50 * MiB,
  maxBytes: 200 * MiB,
  maxRatio: 200,
  maxEntries: 200,
  maxEntrySize: 100 * MiB,
});

export interface AttachedFile {
  fileName: string;
  /** ACTES v2 typology prefix of the file name, e.g. '99_DE'. */
  pieceType: string | null;
  data: Buffer;
  mediaType: string;
  sha256: string;
}

/** An Acte with its files resolved, and the SIREN and département of its envelope. */
export interface ParsedActe extends ActeMessage {
  siren: string;
  departement: string;
  document: AttachedFile;
  annexes: AttachedFile[];
}

/** A business message with the files it names (attachedFileNames) resolved, in order. */
export type ArchivedMessage = ActesMessage & { attachments: AttachedFile[] };

export interface ActesArchive {
  envelope: ActesEnvelope;
  messages: ArchivedMessage[];
  acts: ParsedActe[];
  files: Map<string, Buffer>;
  warnings: string[];
}

const ENVELOPE_ROOTS = new Set(['EnveloppeCLMISILL', 'EnveloppeMISILLCL']);

export function readActesArchive(gz: Buffer, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): ActesArchive {
  if (gz.length > limits.maxCompressedBytes) {
    throw new CodedError('ARCHIVE_TOO_LARGE', `Archive over ${limits.maxCompressedBytes} bytes`, {
      reason: 'max_compressed_bytes',
      compressedBytes: gz.length,
      maxCompressedBytes: limits.maxCompressedBytes,
    });
  }
  const entries = readTar(gunzipBounded(gz, limits), limits);
  const files = new Map(entries.map((e) => [e.name, e.data]));
  const warnings: string[] = [];

  const envelopeNames = entries.filter((e) => /\.xml$/i.test(e.name) && ENVELOPE_ROOTS.has(sniffRoot(e.data) ?? '')).map((e) => e.name);
  if (envelopeNames.length === 0) throw new CodedError('MISSING_ENVELOPE', 'No ACTES envelope in the archive', { members: [...files.keys()] });
  if (envelopeNames.length > 1) {
    throw new CodedError('INVALID_ARCHIVE', 'More than one envelope in the archive', { reason: 'multiple_envelopes', envelopes: envelopeNames });
  }
  const envelope = parseActesXml(files.get(envelopeNames[0])!, envelopeNames[0]);
  if (!isEnvelope(envelope)) throw new CodedError('MISSING_ENVELOPE', `${envelopeNames[0]} is not an envelope`, { fileName: envelopeNames[0] });
  if (envelope.formulaires.length === 0) {
    throw new CodedError('MISSING_ACTE', 'The envelope lists no business message', { fileName: envelope.fileName });
  }

  const fileOf = (fileName: string, referencedBy: string): Buffer => {
    const data = files.get(fileName);
    if (!data) throw new CodedError('MISSING_DOCUMENT', `${fileName}, referenced by ${referencedBy}, is not in the archive`, { fileName, referencedBy });
    return data;
  };
  const attach = (fileName: string, referencedBy: string): AttachedFile => {
    const data = fileOf(fileName, referencedBy);
    return { fileName, pieceType: pieceTypeOf(fileName), data, mediaType: sniffMediaType(data), sha256: createHash('sha256').update(data).digest('hex') };
  };

  const messages = envelope.formulaires.map((name): ArchivedMessage => {
    const data = files.get(name);
    if (!data) {
      throw new CodedError('MISSING_ACTE', `${name}, listed by the envelope, is not in the archive`, { fileName: name, referencedBy: envelope.fileName });
    }
    const doc = parseActesXml(data, name);
    if (isEnvelope(doc)) throw new CodedError('INVALID_ENVELOPE', `${name} is an envelope, listed as a business message`, { fileName: name, reason: 'nested_envelope' });
    return { ...doc, attachments: attachedFileNames(doc).map((fileName) => attach(fileName, name)) };
  });

  const acts = messages
    .filter((m): m is ActeMessage & ArchivedMessage => m.kind === 'acte')
    .map(({ attachments: [document, ...annexes], ...m }): ParsedActe => {
      const fileSiren = /^[0-9]{2}[0-9AB]-(\d{9})-/.exec(m.fileName)?.[1];
      if (fileSiren && fileSiren !== envelope.siren) warnings.push(`${m.fileName}: SIREN ${fileSiren} differs from the envelope's ${envelope.siren}`);
      if (m.annexesDeclared !== null && m.annexesDeclared !== m.annexeFileNames.length) {
        warnings.push(`${m.fileName}: Annexes/@Nombre is ${m.annexesDeclared} but ${m.annexeFileNames.length} annexes are listed`);
      }
      return { ...m, siren: envelope.siren, departement: envelope.departement, document, annexes };
    });

  const referenced = new Set([envelope.fileName, ...envelope.formulaires, ...messages.flatMap((m) => m.attachments.map((a) => a.fileName))]);
  for (const name of files.keys()) if (!referenced.has(name)) warnings.push(`${name}: not referenced by any message`);

  return { envelope, messages, acts, files, warnings };
}

/** Local name of the first element, read from the first bytes without a full parse. */
function sniffRoot(data: Buffer): string | undefined {
  const head = data.subarray(0, 4096).toString('latin1').replace(/<!--[\s\S]*?-->/g, '');
  return /<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s/>]/.exec(head)?.[1];
}

function pieceTypeOf(fileName: string): string | null {
  return /^([0-9A-Z]{2}_[A-Z]{2})-/.exec(fileName)?.[1] ?? null;
}

const SIGNATURES: [string, number[]][] = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['application/zip', [0x50, 0x4b, 0x03, 0x04]],
  ['application/xml', [0x3c, 0x3f, 0x78, 0x6d, 0x6c]],
];

function sniffMediaType(data: Buffer): string {
  return SIGNATURES.find(([, magic]) => magic.every((b, i) => data[i] === b))?.[0] ?? 'application/octet-stream';
}
