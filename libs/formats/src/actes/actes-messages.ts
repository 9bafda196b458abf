import { CodedError, NATURE_ABBREVS, parseIdActe, type Classification, type ClassificationMatiere, type ClassificationNature, type NatureAbbrev } from '@openactes/domain';
import { reportXsdDrifts, type ActesWarning } from './actes-xsd-report';
import { attr, child, children, parseXml, XmlElement, XSI_NS } from './xml';

export { NATURE_ABBREVS, type NatureAbbrev };

export const ACTES_NS = 'http://www.interieur.gouv.fr/ACTES#v1.1-20040216';
export const INSEE_NS = 'http://xml.insee.fr/schema';

export interface Referent {
  nom: string | null;
  telephone: string | null;
  email: string | null;
}

/** Collectivity → prefecture. */
export interface EnvelopeCLMISILL {
  kind: 'EnveloppeCLMISILL';
  fileName: string;
  siren: string;
  departement: string;
  arrondissement: string | null;
  natureCollectivite: string | null;
  referent: Referent | null;
  adressesRetour: string[];
  formulaires: string[];
}

/** Prefecture → collectivity; siren is the recipient's. */
export interface EnvelopeMISILLCL {
  kind: 'EnveloppeMISILLCL';
  fileName: string;
  siren: string;
  departement: string;
  arrondissement: string | null;
  emitter: { type: 'PREF' | 'SPREF' | 'SGAR'; serviceId: string };
  referent: Referent | null;
  formulaires: string[];
}

export type ActesEnvelope = EnvelopeCLMISILL | EnvelopeMISILLCL;

interface MessageBase {
  fileName: string;
  /** Drifts from the XSD and what the parser had to skip (see actes-xsd-report.ts). */
  warnings: ActesWarning[];
}

/** DonneesActe: an act as written in its XML (file names are not resolved). */
export interface ActeData {
  date: string;
  numeroInterne: string;
  codeNatureActe: number;
  nature: NatureAbbrev;
  /** CodeMatiere1.. up to the first missing level. */
  matieres: number[];
  /** Levels 1 and 2, e.g. '7.10'. */
  classificationCode: string;
  objet: string;
  precedentIdActe: string | null;
  classificationDateVersion: string | null;
  documentFileName: string;
  annexeFileNames: string[];
  /** Annexes/@Nombre as declared, which may disagree with annexeFileNames. */
  annexesDeclared: number | null;
  /** null when missing, empty, nil or not understood. */
  documentPapier: boolean | null;
}

/** 1-1. Its kind predates the others, which are named after their root element. */
export interface ActeMessage extends MessageBase, ActeData {
  kind: 'acte';
}

/** DonneesCourrierPref: the act a letter is about, and the letter's date. */
interface CourrierPref {
  idActe: string;
  dateCourrierPref: string;
}

/** 1-2: the act is legally transmitted and its IDActe final. */
export interface ARActeMessage extends MessageBase {
  kind: 'ARActe';
  idActe: string;
  dateReception: string;
  /** The act as the prefecture received it; null when unreadable (see warnings). */
  acteRecu: ActeData | null;
  classificationDateVersionEnCours: string | null;
}

/** 1-3: the act is refused, not transmitted. It names the act only through ActeRecu. */
export interface AnomalieActeMessage extends MessageBase {
  kind: 'AnomalieActe';
  date: string;
  /** 3 digits in the XSD; kept as written. */
  nature: string;
  detail: string | null;
  acteRecu: ActeData;
  classificationDateVersionEnCours: string | null;
}

/** A letter about an act with its document: 2-1, 2-2, 3-3, 4-3, 4-4. */
export interface LetterMessage extends MessageBase, CourrierPref {
  kind: 'CourrierSimple' | 'ReponseCourrierSimple' | 'RefusPieceComplementaire' | 'RejetLettreObservations' | 'ReponseLettreObservations';
  documentFileName: string;
}

/** 3-1 */
export interface DemandePieceComplementaireMessage extends MessageBase, CourrierPref {
  kind: 'DemandePieceComplementaire';
  descriptionPieces: string;
  documentFileName: string;
}

/** The collectivity's acknowledgement of a request or observations: 3-2, 4-2. */
export interface CourrierAckMessage extends MessageBase, CourrierPref {
  kind: 'ARDemandePieceComplementaire' | 'ARLettreObservations';
}

/** 3-4 */
export interface PieceComplementaireMessage extends MessageBase, CourrierPref {
  kind: 'PieceComplementaire';
  documentFileNames: string[];
}

/** The prefecture's acknowledgement of an answer (from InfosCourrierPref): 3-5, 4-5. */
export interface ReponseAckMessage extends MessageBase, CourrierPref {
  kind: 'ARPieceComplementaire' | 'ARReponseRejetLettreObservations';
  dateReception: string;
}

/** 4-1: the prefecture thinks the act may be illegal. */
export interface LettreObservationsMessage extends MessageBase, CourrierPref {
  kind: 'LettreObservations';
  motif: string;
  documentFileName: string;
}

/** 5-1: referral to the administrative court. */
export interface DefereTAMessage extends MessageBase {
  kind: 'DefereTA';
  idActe: string;
  dateDepot: string;
  natureIllegalite: string;
  pieceJointeFileNames: string[];
}

/** 6-1 */
export interface AnnulationMessage extends MessageBase {
  kind: 'Annulation';
  idActe: string;
}

/** 6-2 */
export interface ARAnnulationMessage extends MessageBase {
  kind: 'ARAnnulation';
  idActe: string;
  dateReception: string;
}

/** 7-1 and 7-3: the classification version in use, and its confirmation. */
export interface ClassificationDateMessage extends MessageBase {
  kind: 'DemandeClassification' | 'ReponseClassificationSansChangement';
  /** Optional in a request only. */
  dateClassification: string | null;
}

/** 7-2 */
export interface RetourClassificationMessage extends MessageBase {
  kind: 'RetourClassification';
  classification: Classification;
}

/** The whole envelope was refused; the ministry uses natures (999) its XSD does not list. */
export interface AnomalieEnveloppeMessage extends MessageBase {
  kind: 'AnomalieEnveloppe';
  date: string;
  nature: string;
  detail: string | null;
  /** null when missing or unreadable (see warnings). */
  enveloppeRecue: EnvelopeCLMISILL | null;
}

export type ActesMessage =
  | ActeMessage
  | ARActeMessage
  | AnomalieActeMessage
  | LetterMessage
  | DemandePieceComplementaireMessage
  | CourrierAckMessage
  | PieceComplementaireMessage
  | ReponseAckMessage
  | LettreObservationsMessage
  | DefereTAMessage
  | AnnulationMessage
  | ARAnnulationMessage
  | ClassificationDateMessage
  | RetourClassificationMessage
  | AnomalieEnveloppeMessage;
export type ActesMessageKind = ActesMessage['kind'];
export type ActesDocument = ActesEnvelope | ActesMessage;

/** The T-F code of each message in file names; AnomalieEnveloppe has none. */
export const MESSAGE_CODES = {
  acte: '1-1',
  ARActe: '1-2',
  AnomalieActe: '1-3',
  CourrierSimple: '2-1',
  ReponseCourrierSimple: '2-2',
  DemandePieceComplementaire: '3-1',
  ARDemandePieceComplementaire: '3-2',
  RefusPieceComplementaire: '3-3',
  PieceComplementaire: '3-4',
  ARPieceComplementaire: '3-5',
  LettreObservations: '4-1',
  ARLettreObservations: '4-2',
  RejetLettreObservations: '4-3',
  ReponseLettreObservations: '4-4',
  ARReponseRejetLettreObservations: '4-5',
  DefereTA: '5-1',
  Annulation: '6-1',
  ARAnnulation: '6-2',
  DemandeClassification: '7-1',
  RetourClassification: '7-2',
  ReponseClassificationSansChangement: '7-3',
  AnomalieEnveloppe: null,
} as const satisfies Record<ActesMessageKind, string | null>;
export type ActesMessageCode = NonNullable<(typeof MESSAGE_CODES)[ActesMessageKind]>;

export function messageCode(message: Pick<ActesMessage, 'kind'>): ActesMessageCode | null {
  return MESSAGE_CODES[message.kind];
}

/** The files of the archive a message names as its own (not those of an echoed act). */
export function attachedFileNames(message: ActesMessage): string[] {
  switch (message.kind) {
    case 'acte':
      return [message.documentFileName, ...message.annexeFileNames];
    case 'CourrierSimple':
    case 'ReponseCourrierSimple':
    case 'RefusPieceComplementaire':
    case 'RejetLettreObservations':
    case 'ReponseLettreObservations':
    case 'DemandePieceComplementaire':
    case 'LettreObservations':
      return [message.documentFileName];
    case 'PieceComplementaire':
      return message.documentFileNames;
    case 'DefereTA':
      return message.pieceJointeFileNames;
    default:
      return [];
  }
}

/** Any ACTES XML file: an envelope or a business message. */
export function parseActesXml(data: Buffer, fileName: string): ActesDocument {
  const root = parseXml(data, fileName);
  if (root.ns !== ACTES_NS) {
    throw new CodedError('INVALID_XML', `${fileName}: root element is not in the ACTES namespace`, {
      fileName,
      reason: 'unknown_namespace',
      namespace: root.ns,
      root: root.name,
    });
  }
  if (root.name === 'EnveloppeCLMISILL') return parseEnvelopeCLMISILL(root, fileName);
  if (root.name === 'EnveloppeMISILLCL') return parseEnvelopeMISILLCL(root, fileName);
  const parse = Object.hasOwn(MESSAGE_PARSERS, root.name) ? MESSAGE_PARSERS[root.name] : undefined;
  if (!parse) {
    throw new CodedError('INVALID_XML', `${fileName}: unknown ACTES message ${root.name}`, { fileName, reason: 'unknown_root', root: root.name });
  }
  return parse(root, reader(fileName, root.name === 'Acte' ? 'INVALID_ACTE' : 'INVALID_MESSAGE', reportXsdDrifts(root)));
}

export function isEnvelope(doc: ActesDocument): doc is ActesEnvelope {
  return doc.kind === 'EnveloppeCLMISILL' || doc.kind === 'EnveloppeMISILLCL';
}

const el = (parent: XmlElement | undefined, name: string) => child(parent, name, ACTES_NS);
const els = (parent: XmlElement | undefined, name: string) => children(parent, name, ACTES_NS);
const at = (element: XmlElement | undefined, name: string) => attr(element, name, ACTES_NS);
const optionalText = (parent: XmlElement | undefined, name: string) => el(parent, name)?.text.trim() || null;

function parseEnvelopeCLMISILL(root: XmlElement, fileName: string): EnvelopeCLMISILL {
  const emetteur = el(root, 'Emetteur');
  const idcl = el(emetteur, 'IDCL') ?? envelopeError(fileName, 'missing_element', { element: 'IDCL' });
  return {
    kind: 'EnveloppeCLMISILL',
    fileName,
    siren: siren(attr(idcl, 'SIREN', INSEE_NS), fileName),
    departement: departement(at(idcl, 'Departement'), fileName),
    arrondissement: at(idcl, 'Arrondissement')?.trim() || null,
    natureCollectivite: at(idcl, 'Nature')?.trim() || null,
    referent: referent(el(emetteur, 'Referent')),
    adressesRetour: els(el(root, 'AdressesRetour'), 'Email').map((e) => e.text.trim()),
    formulaires: formulaires(root),
  };
}

function parseEnvelopeMISILLCL(root: XmlElement, fileName: string): EnvelopeMISILLCL {
  const emetteur = el(root, 'Emetteur');
  const services = [
    ['PREF', el(emetteur, 'IDPref')],
    ['SPREF', el(emetteur, 'IDSousPref')],
    ['SGAR', el(emetteur, 'IDSGAR')],
  ] as const;
  const [type, service] = services.find(([, element]) => element) ?? envelopeError(fileName, 'missing_element', { element: 'IDPref' });
  const dept = departement(at(service, 'Departement'), fileName);
  const arrondissement = at(service, 'Arrondissement')?.trim() || null;
  return {
    kind: 'EnveloppeMISILLCL',
    fileName,
    siren: siren(attr(el(root, 'Destinataire'), 'SIREN', INSEE_NS), fileName),
    departement: dept,
    arrondissement,
    emitter: { type, serviceId: `${type}${dept}${type === 'SPREF' ? (arrondissement ?? '') : ''}` },
    referent: referent(el(emetteur, 'Referent')),
    formulaires: formulaires(root),
  };
}

function formulaires(root: XmlElement): string[] {
  return els(el(root, 'FormulairesEnvoyes'), 'Formulaire')
    .map((f) => el(f, 'NomFichier')?.text.trim() ?? '')
    .filter((name) => name !== '');
}

function referent(element: XmlElement | undefined): Referent | null {
  if (!element) return null;
  return { nom: optionalText(element, 'Nom'), telephone: optionalText(element, 'Telephone'), email: optionalText(element, 'Email') };
}

function siren(value: string | undefined, fileName: string): string {
  const v = value?.trim();
  if (v && /^\d{9}$/.test(v)) return v;
  return envelopeError(fileName, value === undefined ? 'missing_attribute' : 'invalid_attribute', { attribute: 'SIREN', value });
}

function departement(value: string | undefined, fileName: string): string {
  const v = value?.trim().toUpperCase();
  if (v && /^\d{2}[\dAB]$/.test(v)) return v;
  return envelopeError(fileName, value === undefined ? 'missing_attribute' : 'invalid_attribute', { attribute: 'Departement', value });
}

function envelopeError(fileName: string, reason: string, details: Record<string, unknown>): never {
  throw new CodedError('INVALID_ENVELOPE', `${fileName}: ${reason} ${JSON.stringify(details)}`, { fileName, reason, ...details });
}

/** Required values of one message: a coded error when missing or unusable, and the warnings collected on the way. */
interface Reader {
  base: MessageBase;
  error(reason: string, details: Record<string, unknown>): never;
  attribute(element: XmlElement, name: string): string;
  element(parent: XmlElement, name: string): XmlElement;
  text(parent: XmlElement, name: string): string;
  date(value: string, field: string): string;
  idActe(element: XmlElement): string;
  /** NomFichier of a FichierSigne element. */
  nomFichier(fichier: XmlElement, path: string): string;
  /** NomFichier of the named FichierSigne child. */
  file(parent: XmlElement, name: string): string;
}

function reader(fileName: string, code: 'INVALID_ACTE' | 'INVALID_MESSAGE', warnings: ActesWarning[]): Reader {
  const r: Reader = {
    base: { fileName, warnings },
    error(reason, details) {
      throw new CodedError(code, `${fileName}: ${reason} ${JSON.stringify(details)}`, { fileName, reason, ...details });
    },
    attribute: (element, name) => at(element, name)?.trim() || r.error('missing_attribute', { attribute: name }),
    element: (parent, name) => el(parent, name) ?? r.error('missing_element', { element: name }),
    text: (parent, name) => r.element(parent, name).text.trim(),
    date: (value, field) => isoDate(value) ?? r.error('invalid_date', { field, value }),
    idActe(element) {
      const value = r.attribute(element, 'IDActe');
      return parseIdActe(value) ? value : r.error('invalid_attribute', { attribute: 'IDActe', value });
    },
    nomFichier: (fichier, path) => el(fichier, 'NomFichier')?.text.trim() || r.error('missing_element', { element: `${path}/NomFichier` }),
    file: (parent, name) => r.nomFichier(r.element(parent, name), name),
  };
  return r;
}

const dateAttribute = (r: Reader, element: XmlElement, name: string) => r.date(r.attribute(element, name), name);
const dateText = (r: Reader, parent: XmlElement, name: string) => r.date(r.text(parent, name), name);
const optionalDateText = (r: Reader, parent: XmlElement, name: string) => {
  const value = optionalText(parent, name);
  return value === null ? null : r.date(value, name);
};
const courrierPref = (r: Reader, element: XmlElement): CourrierPref => ({
  idActe: r.idActe(element),
  dateCourrierPref: dateAttribute(r, element, 'DateCourrierPref'),
});

function donneesActe(element: XmlElement, r: Reader): ActeData {
  const rawNature = r.attribute(element, 'CodeNatureActe');
  const codeNatureActe = /^\d{1,2}$/.test(rawNature) ? Number(rawNature) : NaN;
  const nature = NATURE_ABBREVS[codeNatureActe - 1] ?? r.error('invalid_attribute', { attribute: 'CodeNatureActe', value: rawNature });

  const matieres: number[] = [];
  for (let level = 1; level <= 5; level++) {
    const code = level <= 2 ? r.element(element, `CodeMatiere${level}`) : el(element, `CodeMatiere${level}`);
    if (!code) break;
    const value = at(code, 'CodeMatiere')?.trim() ?? '';
    if (!/^\d{1,3}$/.test(value)) r.error('invalid_attribute', { attribute: `CodeMatiere${level}`, value });
    matieres.push(Number(value));
  }

  const annexes = el(element, 'Annexes');
  const declared = at(annexes, 'Nombre')?.trim();
  return {
    date: dateAttribute(r, element, 'Date'),
    numeroInterne: r.attribute(element, 'NumeroInterne'),
    codeNatureActe,
    nature,
    matieres,
    classificationCode: `${matieres[0]}.${matieres[1]}`,
    objet: r.text(element, 'Objet'),
    precedentIdActe: at(el(element, 'PrecedentIdentifiantActe'), 'IDActe')?.trim() || null,
    classificationDateVersion: optionalDateText(r, element, 'ClassificationDateVersion'),
    documentFileName: r.file(element, 'Document'),
    annexeFileNames: els(annexes, 'Annexe').map((annexe) => r.nomFichier(annexe, 'Annexe')),
    annexesDeclared: declared && /^\d+$/.test(declared) ? Number(declared) : null,
    documentPapier: documentPapier(el(element, 'DocumentPapier')),
  };
}

/**
 * An echo of something already known: skipped with a warning when unreadable, rather than losing the whole message.
 * (A missing one is already reported by the XSD report.)
 */
function tolerated<T>(r: Reader, code: ActesWarning['code'], path: string, element: XmlElement | undefined, read: (element: XmlElement) => T): T | null {
  if (!element) return null;
  try {
    return read(element);
  } catch (err) {
    if (!(err instanceof CodedError)) throw err;
    r.base.warnings.push({ code, path, message: `${path} skipped: ${err.message}` });
    return null;
  }
}

function matieresOf(parent: XmlElement | undefined, level: number, r: Reader): ClassificationMatiere[] {
  if (level > 5) return [];
  return els(parent, `Matiere${level}`).map((m) => {
    const code = at(m, 'CodeMatiere')?.trim() ?? '';
    if (!/^\d{1,3}$/.test(code)) r.error('invalid_attribute', { attribute: `Matiere${level}/CodeMatiere`, value: code });
    return { code: Number(code), label: at(m, 'Libelle')?.trim() ?? '', children: matieresOf(m, level + 1, r) };
  });
}

function natureOf(element: XmlElement, r: Reader): ClassificationNature {
  const abbrev = at(element, 'TypeAbrege')?.trim() ?? '';
  const written = at(element, 'CodeNatureActe')?.trim() ?? '';
  // CodeNatureActe is optional in the XSD: fall back to the abbreviation's rank.
  const code = /^\d{1,2}$/.test(written) ? Number(written) : NATURE_ABBREVS.indexOf(abbrev as NatureAbbrev) + 1;
  if (code === 0) r.error('invalid_attribute', { attribute: 'NatureActe/CodeNatureActe', value: written });
  return {
    code,
    abbrev,
    label: at(element, 'Libelle')?.trim() ?? '',
    pieceTypes: els(element, 'TypePJNatureActe').map((t) => ({ code: at(t, 'CodeTypePJ')?.trim() ?? '', label: at(t, 'Libelle')?.trim() ?? '' })),
  };
}

type MessageParser = (root: XmlElement, r: Reader) => ActesMessage;
const letter =
  (kind: LetterMessage['kind']): MessageParser =>
  (root, r) => ({ kind, ...r.base, ...courrierPref(r, root), documentFileName: r.file(root, 'Document') });
const courrierAck =
  (kind: CourrierAckMessage['kind']): MessageParser =>
  (root, r) => ({ kind, ...r.base, ...courrierPref(r, root) });
const reponseAck =
  (kind: ReponseAckMessage['kind']): MessageParser =>
  (root, r) => ({ kind, ...r.base, ...courrierPref(r, r.element(root, 'InfosCourrierPref')), dateReception: dateAttribute(r, root, 'DateReception') });
const classificationDate =
  (kind: ClassificationDateMessage['kind']): MessageParser =>
  (root, r) => ({ kind, ...r.base, dateClassification: kind === 'DemandeClassification' ? optionalDateText(r, root, 'DateClassification') : dateText(r, root, 'DateClassification') });

/** By root element name. */
const MESSAGE_PARSERS: Record<string, MessageParser | undefined> = {
  Acte: (root, r) => ({ kind: 'acte', ...r.base, ...donneesActe(root, r) }),
  ARActe: (root, r) => ({
    kind: 'ARActe',
    ...r.base,
    idActe: r.idActe(root),
    dateReception: dateAttribute(r, root, 'DateReception'),
    acteRecu: tolerated(r, 'invalid_acte_recu', 'ARActe/ActeRecu', el(root, 'ActeRecu'), (e) => donneesActe(e, r)),
    classificationDateVersionEnCours: optionalDateText(r, root, 'ClassificationDateVersionEnCours'),
  }),
  AnomalieActe: (root, r) => ({
    kind: 'AnomalieActe',
    ...r.base,
    date: dateText(r, root, 'Date'),
    nature: r.text(root, 'Nature'),
    detail: optionalText(root, 'Detail'),
    acteRecu: donneesActe(r.element(root, 'ActeRecu'), r),
    classificationDateVersionEnCours: optionalDateText(r, root, 'ClassificationDateVersionEnCours'),
  }),
  CourrierSimple: letter('CourrierSimple'),
  ReponseCourrierSimple: letter('ReponseCourrierSimple'),
  DemandePieceComplementaire: (root, r) => ({
    kind: 'DemandePieceComplementaire',
    ...r.base,
    ...courrierPref(r, root),
    descriptionPieces: r.text(root, 'DescriptionPieces'),
    documentFileName: r.file(root, 'Document'),
  }),
  ARDemandePieceComplementaire: courrierAck('ARDemandePieceComplementaire'),
  RefusPieceComplementaire: letter('RefusPieceComplementaire'),
  PieceComplementaire: (root, r) => {
    const documents = els(r.element(root, 'Documents'), 'Document');
    if (documents.length === 0) r.error('missing_element', { element: 'Documents/Document' });
    return { kind: 'PieceComplementaire', ...r.base, ...courrierPref(r, root), documentFileNames: documents.map((d) => r.nomFichier(d, 'Documents/Document')) };
  },
  ARPieceComplementaire: reponseAck('ARPieceComplementaire'),
  LettreObservations: (root, r) => ({
    kind: 'LettreObservations',
    ...r.base,
    ...courrierPref(r, root),
    motif: r.text(root, 'Motif'),
    documentFileName: r.file(root, 'Document'),
  }),
  ARLettreObservations: courrierAck('ARLettreObservations'),
  RejetLettreObservations: letter('RejetLettreObservations'),
  ReponseLettreObservations: letter('ReponseLettreObservations'),
  ARReponseRejetLettreObservations: reponseAck('ARReponseRejetLettreObservations'),
  DefereTA: (root, r) => ({
    kind: 'DefereTA',
    ...r.base,
    idActe: r.idActe(root),
    dateDepot: dateText(r, root, 'DateDepot'),
    natureIllegalite: r.text(root, 'NatureIllegalite'),
    pieceJointeFileNames: els(el(root, 'PiecesJointes'), 'PieceJointe').map((p) => r.nomFichier(p, 'PiecesJointes/PieceJointe')),
  }),
  Annulation: (root, r) => ({ kind: 'Annulation', ...r.base, idActe: r.idActe(root) }),
  ARAnnulation: (root, r) => ({ kind: 'ARAnnulation', ...r.base, idActe: r.idActe(root), dateReception: dateAttribute(r, root, 'DateReception') }),
  DemandeClassification: classificationDate('DemandeClassification'),
  RetourClassification: (root, r) => ({
    kind: 'RetourClassification',
    ...r.base,
    classification: {
      date: dateText(r, root, 'DateClassification'),
      natures: els(el(root, 'NaturesActes'), 'NatureActe').map((n) => natureOf(n, r)),
      matieres: matieresOf(el(root, 'Matieres'), 1, r),
    },
  }),
  ReponseClassificationSansChangement: classificationDate('ReponseClassificationSansChangement'),
  AnomalieEnveloppe: (root, r) => ({
    kind: 'AnomalieEnveloppe',
    ...r.base,
    date: dateText(r, root, 'Date'),
    nature: r.text(root, 'Nature'),
    detail: optionalText(root, 'Detail'),
    enveloppeRecue: tolerated(r, 'invalid_enveloppe_recue', 'AnomalieEnveloppe/EnveloppeRecue', el(root, 'EnveloppeRecue'), (e) =>
      parseEnvelopeCLMISILL(e, r.base.fileName),
    ),
  }),
};

/** xsd:date, with an optional time zone dropped. */
function isoDate(value: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?$/.exec(value);
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number);
  const check = new Date(Date.UTC(y, m - 1, d));
  return check.getUTCFullYear() === y && check.getUTCMonth() === m - 1 && check.getUTCDate() === d ? value.slice(0, 10) : undefined;
}

function documentPapier(element: XmlElement | undefined): boolean | null {
  if (!element || attr(element, 'nil', XSI_NS)?.trim() === 'true') return null;
  const value = element.text.trim().toUpperCase();
  if (['O', 'OUI', '1', 'TRUE'].includes(value)) return true;
  if (['N', 'NON', '0', 'FALSE'].includes(value)) return false;
  return null;
}
