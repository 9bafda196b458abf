import { gzipSync } from 'node:zlib';
import * as iconv from 'iconv-lite';
import { CodedError, formatIdActe, parseIdActe } from '@openactes/domain';
import { TarEntry, writeTar } from '../archive/tar';
import { ACTES_NS, INSEE_NS, MESSAGE_CODES, NATURE_ABBREVS, NatureAbbrev } from './actes-messages';

export interface AttachedFileSpec {
  data: Buffer;
  /** ACTES v2 typology code, e.g. '99_DE', written as a file-name prefix. */
  pieceType?: string;
  /** Default 'pdf'. */
  extension?: string;
}

interface ArchiveOptions {
  /** Default 1. */
  transmissionNumber?: number;
  /** Default 'ISO-8859-1'. */
  encoding?: 'ISO-8859-1' | 'UTF-8';
  /** ITC trigram of the operator, default 'SLO'. */
  operator?: string;
  /** TACT instead of EACT. */
  test?: boolean;
}

export interface OutgoingActSpec extends ArchiveOptions {
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
  /** YYYY-MM-DD, default: the decision date. */
  transmissionDate?: string;
}

/** Collectivity → prefecture: the cancellation (6-1) of an act already acknowledged. */
export interface OutgoingAnnulationSpec extends ArchiveOptions {
  /** The SIREN and département of the sender are read from it. */
  idActe: string;
  /** Default '1'. */
  arrondissement?: string;
  /** YYYY-MM-DD. */
  transmissionDate: string;
}

/** A message from the prefecture; ARActe and AnomalieActe echo the act as writeActeArchive sent it. */
export type PrefectureMessageSpec =
  | { kind: 'ARActe'; act: OutgoingActSpec; dateReception: string; classificationDateVersionEnCours?: string }
  | { kind: 'AnomalieActe'; act: OutgoingActSpec; date: string; nature: string; detail?: string; classificationDateVersionEnCours?: string }
  | { kind: 'ARAnnulation'; idActe: string; dateReception: string };

/** Prefecture → collectivity. */
export interface PrefectureArchiveSpec extends ArchiveOptions {
  /** The recipient collectivity. */
  siren: string;
  /** The prefecture's département. */
  departement: string;
  /** Default 'PREF'. */
  service?: 'PREF' | 'SPREF' | 'SGAR';
  /** Of a sous-préfecture, default '1'. */
  arrondissement?: string;
  /** Sending date, YYYY-MM-DD. */
  date: string;
  /** The `_n` of the first message file, then counted up (the prefecture numbers its files). Default 1. */
  firstCounter?: number;
  messages: PrefectureMessageSpec[];
}

export interface WrittenArchive {
  archiveName: string;
  /** tar.gz */
  data: Buffer;
}

interface ArchiveFiles {
  archiveName: string;
  files: TarEntry[];
}

/** A collectivity → prefecture archive with one Acte, named and laid out as S²LOW does. */
export function writeActeArchive(spec: OutgoingActSpec): WrittenArchive {
  const { archiveName, files } = buildActeArchiveFiles(spec);
  return writeArchive(files, archiveName);
}

/** The members of writeActeArchive's archive, for tests that need to alter them before packing. */
export function buildActeArchiveFiles(spec: OutgoingActSpec): ArchiveFiles {
  validateAct(spec);
  const { acteName, attached } = actFiles(spec);
  return collectivityArchive(spec, spec.transmissionDate ?? spec.date, [
    { name: acteName, data: encodeXml(donneesActeXml('Acte', spec, attached.map((f) => f.name)), spec.encoding) },
    ...attached,
  ]);
}

/** A collectivity → prefecture archive cancelling an act (6-1), named `{IDActe}-6-1_0.xml`. */
export function writeAnnulationArchive(spec: OutgoingAnnulationSpec): WrittenArchive {
  const parts = parseIdActe(spec.idActe);
  check([
    !parts && 'idActe must be an IDActe',
    !isDate(spec.transmissionDate) && 'transmissionDate must be YYYY-MM-DD',
    ...optionChecks(spec),
  ]);
  const body = `<actes:Annulation xmlns:actes="${ACTES_NS}" actes:IDActe="${escape(spec.idActe)}"/>`;
  const { archiveName, files } = collectivityArchive({ ...spec, siren: parts!.siren, departement: parts!.departement }, spec.transmissionDate, [
    { name: `${spec.idActe}-6-1_0.xml`, data: encodeXml(body, spec.encoding) },
  ]);
  return writeArchive(files, archiveName);
}

/** A prefecture → collectivity archive (EnveloppeMISILLCL), named as S²LOW receives them. */
export function writePrefectureArchive(spec: PrefectureArchiveSpec): WrittenArchive {
  const { archiveName, files } = buildPrefectureArchiveFiles(spec);
  return writeArchive(files, archiveName);
}

/** The members of writePrefectureArchive's archive. */
export function buildPrefectureArchiveFiles(spec: PrefectureArchiveSpec): ArchiveFiles {
  validatePrefectureArchive(spec);
  const service = spec.service ?? 'PREF';
  const serviceId = `${service}${spec.departement}${service === 'SPREF' ? (spec.arrondissement ?? '1') : ''}`;
  const envelopeBase = `${spec.test ? 'TACT' : 'EACT'}--${serviceId}-${spec.siren}-${ymd(spec.date)}-${spec.transmissionNumber ?? 1}`;
  const messages = spec.messages.map((message, i) => {
    const [base, body] = prefectureMessage(message);
    return { name: `${base}-${MESSAGE_CODES[message.kind]}_${(spec.firstCounter ?? 1) + i}.xml`, data: encodeXml(body, spec.encoding) };
  });
  const emitterTag = { PREF: 'IDPref', SPREF: 'IDSousPref', SGAR: 'IDSGAR' }[service];
  const arrondissement = service === 'SPREF' ? ` actes:Arrondissement="${spec.arrondissement ?? '1'}"` : '';
  const envelope = [
    `<actes:EnveloppeMISILLCL xmlns:actes="${ACTES_NS}" xmlns:insee="${INSEE_NS}">`,
    '  <actes:Emetteur>',
    `    <actes:${emitterTag} actes:Departement="${spec.departement}"${arrondissement}/>`,
    '  </actes:Emetteur>',
    ...formulairesXml(messages.map((m) => m.name)),
    `  <actes:Destinataire insee:SIREN="${spec.siren}"/>`,
    '</actes:EnveloppeMISILLCL>',
  ].join('\n');
  return {
    archiveName: `${spec.operator ?? 'SLO'}-${envelopeBase}.tar.gz`,
    files: [{ name: `${envelopeBase}.xml`, data: encodeXml(envelope, spec.encoding) }, ...messages],
  };
}

/** Packs arbitrary members as a deterministic tar.gz. */
export function writeArchive(files: readonly TarEntry[], archiveName: string): WrittenArchive {
  return { archiveName, data: gzipSync(writeTar(files)) };
}

/** The act part of the message's file name, and its XML. */
function prefectureMessage(message: PrefectureMessageSpec): [base: string, xml: string] {
  const root = `actes:${message.kind} xmlns:actes="${ACTES_NS}" xmlns:insee="${INSEE_NS}"`;
  if (message.kind === 'ARAnnulation') {
    return [message.idActe, `<${root} actes:IDActe="${escape(message.idActe)}" actes:DateReception="${message.dateReception}"/>`];
  }
  const { act } = message;
  const { base, attached } = actFiles(act);
  const echo = [
    ...donneesActeXml('ActeRecu', act, attached.map((f) => f.name)).split('\n').map((line) => `  ${line}`),
    `  <actes:ClassificationDateVersionEnCours>${message.classificationDateVersionEnCours ?? act.classificationDate ?? act.date}</actes:ClassificationDateVersionEnCours>`,
  ];
  if (message.kind === 'ARActe') {
    const idActe = formatIdActe(act);
    return [base, [`<${root} actes:IDActe="${escape(idActe)}" actes:DateReception="${message.dateReception}">`, ...echo, `</actes:ARActe>`].join('\n')];
  }
  return [
    base,
    [
      `<${root}>`,
      `  <actes:Date>${message.date}</actes:Date>`,
      `  <actes:Nature>${escape(message.nature)}</actes:Nature>`,
      ...(message.detail === undefined ? [] : [`  <actes:Detail>${escape(message.detail)}</actes:Detail>`]),
      ...echo,
      '</actes:AnomalieActe>',
    ].join('\n'),
  ];
}

/** `{dept}-{SIREN}-{date}-{number}-{nature}-1-1`, the business XML `_0` and the attached files `_1`, `_2`… */
function actFiles(spec: OutgoingActSpec): { base: string; acteName: string; attached: TarEntry[] } {
  const base = formatIdActe(spec);
  const attached = [spec.document, ...(spec.annexes ?? [])].map((file, i) => ({
    name: `${file.pieceType ? `${file.pieceType}-` : ''}${base}-1-1_${i + 1}.${file.extension ?? 'pdf'}`,
    data: file.data,
  }));
  return { base, acteName: `${base}-1-1_0.xml`, attached };
}

function collectivityArchive(
  spec: ArchiveOptions & { siren: string; departement: string; arrondissement?: string },
  transmissionDate: string,
  members: TarEntry[],
): ArchiveFiles {
  const envelopeBase = `${spec.test ? 'TACT' : 'EACT'}--${spec.siren}--${ymd(transmissionDate)}-${spec.transmissionNumber ?? 1}`;
  const envelope = [
    `<actes:EnveloppeCLMISILL xmlns:actes="${ACTES_NS}" xmlns:insee="${INSEE_NS}">`,
    '  <actes:Emetteur>',
    `    <actes:IDCL insee:SIREN="${spec.siren}" actes:Departement="${spec.departement}" actes:Arrondissement="${spec.arrondissement ?? '1'}" actes:Nature="02"/>`,
    '  </actes:Emetteur>',
    '  <actes:AdressesRetour>',
    '    <actes:Email>noreply@example.com</actes:Email>',
    '  </actes:AdressesRetour>',
    ...formulairesXml([members[0].name]),
    '</actes:EnveloppeCLMISILL>',
  ].join('\n');
  return {
    archiveName: `${spec.operator ?? 'SLO'}-${envelopeBase}.tar.gz`,
    files: [{ name: `${envelopeBase}.xml`, data: encodeXml(envelope, spec.encoding) }, ...members],
  };
}

function formulairesXml(names: string[]): string[] {
  return [
    '  <actes:FormulairesEnvoyes>',
    ...names.map((name) => `    <actes:Formulaire>\n      <actes:NomFichier>${escape(name)}</actes:NomFichier>\n    </actes:Formulaire>`),
    '  </actes:FormulairesEnvoyes>',
  ];
}

/** An Acte (root, with its namespaces) or the ActeRecu echoed by the prefecture. */
function donneesActeXml(tag: 'Acte' | 'ActeRecu', spec: OutgoingActSpec, [documentName, ...annexeNames]: string[]): string {
  const namespaces = tag === 'Acte' ? ` xmlns:actes="${ACTES_NS}" xmlns:insee="${INSEE_NS}"` : '';
  return [
    `<actes:${tag}${namespaces} actes:Date="${spec.date}" actes:NumeroInterne="${escape(spec.numeroInterne)}" actes:CodeNatureActe="${NATURE_ABBREVS.indexOf(spec.nature) + 1}">`,
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
    `</actes:${tag}>`,
  ].join('\n');
}

function encodeXml(body: string, encoding: 'ISO-8859-1' | 'UTF-8' = 'ISO-8859-1'): Buffer {
  const xml = `<?xml version="1.0" encoding="${encoding}"?>\n${body}\n`;
  return encoding === 'UTF-8' ? Buffer.from(xml, 'utf8') : iconv.encode(xml, 'latin1');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const ymd = (date: string) => date.replaceAll('-', '');

function check(problems: (string | false)[]): void {
  const found = problems.filter((p): p is string => typeof p === 'string');
  if (found.length > 0) throw new CodedError('VALIDATION_FAILED', `Invalid archive spec: ${found.join('; ')}`, { problems: found });
}

function optionChecks(spec: ArchiveOptions & { arrondissement?: string }): (string | false)[] {
  return [
    spec.arrondissement !== undefined && !/^\d$/.test(spec.arrondissement) && 'arrondissement must be 1 digit',
    spec.operator !== undefined && !/^[A-Za-z]{3}$/.test(spec.operator) && 'operator must be a 3-letter trigram',
    spec.transmissionNumber !== undefined && !(Number.isInteger(spec.transmissionNumber) && spec.transmissionNumber > 0) && 'transmissionNumber must be a positive integer',
  ];
}

function validateAct(spec: OutgoingActSpec): void {
  check([
    !/^\d{9}$/.test(spec.siren) && 'siren must have 9 digits',
    !/^[09]\d[\dAB]$/.test(spec.departement) && 'departement must have 3 characters, e.g. 035 or 02A',
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
    ...optionChecks(spec),
  ]);
}

function validatePrefectureArchive(spec: PrefectureArchiveSpec): void {
  for (const message of spec.messages) if (message.kind !== 'ARAnnulation') validateAct({ ...message.act, encoding: spec.encoding });
  const dates = spec.messages.flatMap((m) =>
    m.kind === 'ARAnnulation' ? [m.dateReception] : [m.kind === 'ARActe' ? m.dateReception : m.date, m.classificationDateVersionEnCours],
  );
  check([
    !/^\d{9}$/.test(spec.siren) && 'siren must have 9 digits',
    !/^[09]\d[\dAB]$/.test(spec.departement) && 'departement must have 3 characters, e.g. 035 or 02A',
    ![spec.date, ...dates].every((d) => d === undefined || isDate(d)) && 'dates must be YYYY-MM-DD',
    spec.messages.length === 0 && 'messages must not be empty',
    spec.messages.some((m) => m.kind === 'ARAnnulation' && !parseIdActe(m.idActe)) && 'idActe must be an IDActe',
    spec.messages.some((m) => m.kind === 'AnomalieActe' && !/^\d{3}$/.test(m.nature)) && 'an anomaly nature must have 3 digits',
    spec.firstCounter !== undefined && !(Number.isInteger(spec.firstCounter) && spec.firstCounter >= 0) && 'firstCounter must be a non-negative integer',
    ...optionChecks(spec),
  ]);
}

function isDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString().startsWith(value);
}

/** The sender of an archive rebuilt around business files written elsewhere. */
export interface CollectivityEnvelopeSpec extends ArchiveOptions {
  siren: string;
  /** 3 characters, e.g. '035'. */
  departement: string;
  /** Default '1'. */
  arrondissement?: string;
  /** YYYY-MM-DD, in the envelope's name. */
  transmissionDate: string;
}

/**
 * The members of an archive around business files written elsewhere (an Acte `_0.xml` and its
 * attached files pulled from a platform, say), with a generated EnveloppeCLMISILL listing the first.
 */
export function buildCollectivityArchiveFiles(spec: CollectivityEnvelopeSpec, members: readonly TarEntry[]): { archiveName: string; files: TarEntry[] } {
  check([
    !/^\d{9}$/.test(spec.siren) && 'siren must have 9 digits',
    !/^[09]\d[\dAB]$/.test(spec.departement) && 'departement must have 3 characters, e.g. 035 or 02A',
    !isDate(spec.transmissionDate) && 'transmissionDate must be YYYY-MM-DD',
    members.length === 0 && 'members must not be empty',
    ...optionChecks(spec),
  ]);
  return collectivityArchive(spec, spec.transmissionDate, [...members]);
}
