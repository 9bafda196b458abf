import { gzipSync } from 'node:zlib';
import * as iconv from 'iconv-lite';
import { CodedError } from '@openactes/domain';
import { TarEntry, writeTar } from '../archive/tar';
import { ACTES_NS, INSEE_NS, NATURE_ABBREVS, NatureAbbrev } from './actes-messages';

export interface AttachedFileSpec {
  data: Buffer;
  /** ACTES v2 typology code, e.g. '99_DE', written as a file-name prefix. */
  pieceType?: string;
  /** Default 'pdf'. */
  extension?: string;
}

export interface OutgoingActSpec {
  siren: string;
  /** 3 characters, e.g. '035'. */
  departement: string;
  /** Default '1'. */
  arrondissement?: string;
  /** Decision date, YYYY-MM-DD. */
  date: string;
  numeroInterne: string;
  nature: NatureAbbrev;
  /** At least 2 levels. */
  matieres: number[];
  objet: string;
  /** Default: the decision date. */
  classificationDate?: string;
  document: AttachedFileSpec;
  annexes?: AttachedFileSpec[];
  /** Default 1. */
  transmissionNumber?: number;
  /** YYYY-MM-DD, default: the decision date. */
  transmissionDate?: string;
  /** Default 'ISO-8859-1'. */
  encoding?: 'ISO-8859-1' | 'UTF-8';
  /** ITC trigram of the operator, default 'SLO'. */
  operator?: string;
  /** TACT instead of EACT. */
  test?: boolean;
}

export interface WrittenArchive {
  archiveName: string;
  /** tar.gz */
  data: Buffer;
}

/** A collectivity → prefecture archive with one Acte, named and laid out as S²LOW does. */
export function writeActeArchive(spec: OutgoingActSpec): WrittenArchive {
  const { archiveName, files } = buildActeArchiveFiles(spec);
  return writeArchive(files, archiveName);
}

/** The members of writeActeArchive's archive, for tests that need to alter them before packing. */
export function buildActeArchiveFiles(spec: OutgoingActSpec): { archiveName: string; files: TarEntry[] } {
  validate(spec);
  const encoding = spec.encoding ?? 'ISO-8859-1';
  const ymd = (date: string) => date.replaceAll('-', '');
  const envelopeBase = `${spec.test ? 'TACT' : 'EACT'}--${spec.siren}--${ymd(spec.transmissionDate ?? spec.date)}-${spec.transmissionNumber ?? 1}`;
  const base = `${spec.departement}-${spec.siren}-${ymd(spec.date)}-${spec.numeroInterne}-${spec.nature}-1-1`;
  const attached = [spec.document, ...(spec.annexes ?? [])].map((file, i) => ({
    name: `${file.pieceType ? `${file.pieceType}-` : ''}${base}_${i + 1}.${file.extension ?? 'pdf'}`,
    data: file.data,
  }));
  const acteName = `${base}_0.xml`;
  const envelopeName = `${envelopeBase}.xml`;
  return {
    archiveName: `${spec.operator ?? 'SLO'}-${envelopeBase}.tar.gz`,
    files: [
      { name: envelopeName, data: encodeXml(envelopeXml(spec, acteName), encoding) },
      { name: acteName, data: encodeXml(acteXml(spec, attached.map((f) => f.name)), encoding) },
      ...attached,
    ],
  };
}

/** Packs arbitrary members as a deterministic tar.gz. */
export function writeArchive(files: readonly TarEntry[], archiveName: string): WrittenArchive {
  return { archiveName, data: gzipSync(writeTar(files)) };
}

function envelopeXml(spec: OutgoingActSpec, acteName: string): string {
  return [
    `<actes:EnveloppeCLMISILL xmlns:actes="${ACTES_NS}" xmlns:insee="${INSEE_NS}">`,
    '  <actes:Emetteur>',
    `    <actes:IDCL insee:SIREN="${spec.siren}" actes:Departement="${spec.departement}" actes:Arrondissement="${spec.arrondissement ?? '1'}" actes:Nature="02"/>`,
    '  </actes:Emetteur>',
    '  <actes:AdressesRetour>',
    '    <actes:Email>noreply@example.com</actes:Email>',
    '  </actes:AdressesRetour>',
    '  <actes:FormulairesEnvoyes>',
    '    <actes:Formulaire>',
    `      <actes:NomFichier>${escape(acteName)}</actes:NomFichier>`,
    '    </actes:Formulaire>',
    '  </actes:FormulairesEnvoyes>',
    '</actes:EnveloppeCLMISILL>',
  ].join('\n');
}

function acteXml(spec: OutgoingActSpec, [documentName, ...annexeNames]: string[]): string {
  return [
    `<actes:Acte xmlns:actes="${ACTES_NS}" xmlns:insee="${INSEE_NS}" actes:Date="${spec.date}" actes:NumeroInterne="${escape(spec.numeroInterne)}" actes:CodeNatureActe="${NATURE_ABBREVS.indexOf(spec.nature) + 1}">`,
    ...spec.matieres.map((code, i) => `  <actes:CodeMatiere${i + 1} actes:CodeMatiere="${code}"/>`),
    `  <actes:Objet>${escape(spec.objet)}</actes:Objet>`,
    `  <actes:ClassificationDateVersion>${spec.classificationDate ?? spec.date}</actes:ClassificationDateVersion>`,
    '  <actes:Document>',
    `    <actes:NomFichier>${escape(documentName)}</actes:NomFichier>`,
    '  </actes:Document>',
    `  <actes:Annexes actes:Nombre="${annexeNames.length}">`,
    ...annexeNames.map((name) => `    <actes:Annexe>\n      <actes:NomFichier>${escape(name)}</actes:NomFichier>\n    </actes:Annexe>`),
    '  </actes:Annexes>',
    '  <actes:DocumentPapier>N</actes:DocumentPapier>',
    '</actes:Acte>',
  ].join('\n');
}

function encodeXml(body: string, encoding: 'ISO-8859-1' | 'UTF-8'): Buffer {
  const xml = `<?xml version="1.0" encoding="${encoding}"?>\n${body}\n`;
  return encoding === 'UTF-8' ? Buffer.from(xml, 'utf8') : iconv.encode(xml, 'latin1');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function validate(spec: OutgoingActSpec): void {
  const problems = [
    !/^\d{9}$/.test(spec.siren) && 'siren must have 9 digits',
    !/^[09]\d[\dAB]$/.test(spec.departement) && 'departement must have 3 characters, e.g. 035 or 02A',
    spec.arrondissement !== undefined && !/^\d$/.test(spec.arrondissement) && 'arrondissement must be 1 digit',
    !isDate(spec.date) && 'date must be YYYY-MM-DD',
    spec.transmissionDate !== undefined && !isDate(spec.transmissionDate) && 'transmissionDate must be YYYY-MM-DD',
    spec.classificationDate !== undefined && !isDate(spec.classificationDate) && 'classificationDate must be YYYY-MM-DD',
    !/^[A-Za-z0-9_]{1,15}$/.test(spec.numeroInterne) && 'numeroInterne must be 1 to 15 of [A-Za-z0-9_]',
    !NATURE_ABBREVS.includes(spec.nature) && `nature must be one of ${NATURE_ABBREVS.join(', ')}`,
    (spec.matieres.length < 2 || spec.matieres.length > 5 || !spec.matieres.every((m) => Number.isInteger(m) && m >= 0)) &&
      'matieres must be 2 to 5 non-negative integers',
    spec.objet.length > 500 && 'objet must be at most 500 characters',
    (spec.encoding ?? 'ISO-8859-1') === 'ISO-8859-1' && /[\u0100-\uffff]/.test(spec.objet) && 'objet has characters outside ISO-8859-1',
    [spec.document, ...(spec.annexes ?? [])].some((f) => (f.pieceType !== undefined && !/^[0-9A-Z]{2}_[A-Z]{2}$/.test(f.pieceType)) || (f.extension !== undefined && !/^[A-Za-z0-9]{1,8}$/.test(f.extension))) &&
      'pieceType must look like 99_DE and extension like pdf',
    spec.operator !== undefined && !/^[A-Za-z]{3}$/.test(spec.operator) && 'operator must be a 3-letter trigram',
    spec.transmissionNumber !== undefined && !(Number.isInteger(spec.transmissionNumber) && spec.transmissionNumber > 0) && 'transmissionNumber must be a positive integer',
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length > 0) throw new CodedError('VALIDATION_FAILED', `Invalid act: ${problems.join('; ')}`, { problems });
}

function isDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString().startsWith(value);
}
