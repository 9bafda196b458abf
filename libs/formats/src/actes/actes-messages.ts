import { CodedError } from '@openactes/domain';
import { attr, child, children, parseXml, XmlElement, XSI_NS } from './xml';

export const ACTES_NS = 'http://www.interieur.gouv.fr/ACTES#v1.1-20040216';
export const INSEE_NS = 'http://xml.insee.fr/schema';

/** CodeNatureActe 1..6, in order. */
export const NATURE_ABBREVS = ['DE', 'AR', 'AI', 'CC', 'BF', 'AU'] as const;
export type NatureAbbrev = (typeof NATURE_ABBREVS)[number];

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

/** Message 1-1, as written in its XML (file names are not resolved). */
export interface ActeMessage {
  kind: 'acte';
  fileName: string;
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

/** Known roots not modelled yet; each gets its own member of ActesMessage when it is. */
export const OTHER_MESSAGE_ROOTS = [
  'ARActe',
  'AnomalieActe',
  'AnomalieEnveloppe',
  'CourrierSimple',
  'ReponseCourrierSimple',
  'DemandePieceComplementaire',
  'ARDemandePieceComplementaire',
  'RefusPieceComplementaire',
  'PieceComplementaire',
  'ARPieceComplementaire',
  'LettreObservations',
  'ARLettreObservations',
  'RejetLettreObservations',
  'ReponseLettreObservations',
  'ARReponseRejetLettreObservations',
  'DefereTA',
  'Annulation',
  'ARAnnulation',
  'DemandeClassification',
  'RetourClassification',
  'ReponseClassificationSansChangement',
] as const;
export type OtherMessageRoot = (typeof OTHER_MESSAGE_ROOTS)[number];

export interface OtherActesMessage {
  kind: 'other';
  root: OtherMessageRoot;
  fileName: string;
}

export type ActesMessage = ActeMessage | OtherActesMessage;
export type ActesDocument = ActesEnvelope | ActesMessage;

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
  if (root.name === 'Acte') return parseActe(root, fileName);
  if ((OTHER_MESSAGE_ROOTS as readonly string[]).includes(root.name)) {
    return { kind: 'other', root: root.name as OtherMessageRoot, fileName };
  }
  throw new CodedError('INVALID_XML', `${fileName}: unknown ACTES message ${root.name}`, {
    fileName,
    reason: 'unknown_root',
    root: root.name,
  });
}

export function isEnvelope(doc: ActesDocument): doc is ActesEnvelope {
  return doc.kind === 'EnveloppeCLMISILL' || doc.kind === 'EnveloppeMISILLCL';
}

const el = (parent: XmlElement | undefined, name: string) => child(parent, name, ACTES_NS);
const els = (parent: XmlElement | undefined, name: string) => children(parent, name, ACTES_NS);
const at = (element: XmlElement | undefined, name: string) => attr(element, name, ACTES_NS);

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
  const text = (name: string) => el(element, name)?.text.trim() || null;
  return { nom: text('Nom'), telephone: text('Telephone'), email: text('Email') };
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

function parseActe(root: XmlElement, fileName: string): ActeMessage {
  const error = (reason: string, details: Record<string, unknown>): never => {
    throw new CodedError('INVALID_ACTE', `${fileName}: ${reason} ${JSON.stringify(details)}`, { fileName, reason, ...details });
  };
  const required = (name: string): string => {
    const value = at(root, name)?.trim();
    return value || error('missing_attribute', { attribute: name });
  };
  const requiredChild = (name: string): XmlElement => el(root, name) ?? error('missing_element', { element: name });
  const date = (value: string, field: string): string => isoDate(value) ?? error('invalid_date', { field, value });

  const rawNature = required('CodeNatureActe');
  const codeNatureActe = /^\d{1,2}$/.test(rawNature) ? Number(rawNature) : NaN;
  const nature = NATURE_ABBREVS[codeNatureActe - 1] ?? error('invalid_attribute', { attribute: 'CodeNatureActe', value: rawNature });

  const matieres: number[] = [];
  for (let level = 1; level <= 5; level++) {
    const code = level <= 2 ? requiredChild(`CodeMatiere${level}`) : el(root, `CodeMatiere${level}`);
    if (!code) break;
    const value = at(code, 'CodeMatiere')?.trim() ?? '';
    if (!/^\d{1,3}$/.test(value)) error('invalid_attribute', { attribute: `CodeMatiere${level}`, value });
    matieres.push(Number(value));
  }

  const document = el(requiredChild('Document'), 'NomFichier')?.text.trim() || error('missing_element', { element: 'Document/NomFichier' });
  const annexes = el(root, 'Annexes');
  const declared = at(annexes, 'Nombre')?.trim();
  const classificationDate = el(root, 'ClassificationDateVersion')?.text.trim();

  return {
    kind: 'acte',
    fileName,
    date: date(required('Date'), 'Date'),
    numeroInterne: required('NumeroInterne'),
    codeNatureActe,
    nature,
    matieres,
    classificationCode: `${matieres[0]}.${matieres[1]}`,
    objet: requiredChild('Objet').text.trim(),
    precedentIdActe: at(el(root, 'PrecedentIdentifiantActe'), 'IDActe')?.trim() || null,
    classificationDateVersion: classificationDate ? date(classificationDate, 'ClassificationDateVersion') : null,
    documentFileName: document,
    annexeFileNames: els(annexes, 'Annexe').map(
      (annexe) => el(annexe, 'NomFichier')?.text.trim() || error('missing_element', { element: 'Annexe/NomFichier' }),
    ),
    annexesDeclared: declared && /^\d+$/.test(declared) ? Number(declared) : null,
    documentPapier: documentPapier(el(root, 'DocumentPapier')),
  };
}

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
