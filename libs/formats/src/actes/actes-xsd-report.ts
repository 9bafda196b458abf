import { isStrictIdActe } from '@openactes/domain';
import { attr, child, XmlElement, XSI_NS } from './xml';

/**
 * "Report mode" for actesv1_1.xsd: the drifts real files show (older XSD versions, the ministry's own
 * anomaly natures, lax producers) become warnings on the parsed message, never a rejection.
 * Not an XSD engine: element sequences, occurrences, and the few value rules the reference lists.
 */
export type ActesWarningCode =
  | 'missing_element'
  | 'repeated_element'
  | 'unexpected_element'
  | 'element_order'
  | 'odd_document_papier'
  | 'objet_too_long'
  | 'numero_interne_too_long'
  | 'numero_interne_charset'
  | 'anomaly_nature'
  | 'id_acte_pattern'
  // Set by the parser when it skips an unreadable echo of the act or of the envelope.
  | 'invalid_acte_recu'
  | 'invalid_enveloppe_recue';

export interface ActesWarning {
  code: ActesWarningCode;
  /** Element path from the root, e.g. 'ARActe/ActeRecu/DocumentPapier'. */
  path: string;
  message: string;
}

/** Occurrences as in a regular expression: exactly one, optional, any, at least one. */
type Occurs = '1' | '?' | '*' | '+';
interface Model {
  sequence?: [name: string, occurs: Occurs, model?: Model][];
  check?: (element: XmlElement, path: string) => ActesWarning[];
}

const warning = (code: ActesWarningCode, path: string, message: string): ActesWarning => ({ code, path, message });
const leaf = (element: XmlElement | undefined, name: string) => (element ? child(element, name, element.ns) : undefined);

function idActeCheck(element: XmlElement, path: string): ActesWarning[] {
  const idActe = attr(element, 'IDActe', element.ns)?.trim();
  return idActe && !isStrictIdActe(idActe) ? [warning('id_acte_pattern', path, `IDActe ${idActe} does not match the XSD pattern`)] : [];
}

function donneesActeCheck(element: XmlElement, path: string): ActesWarning[] {
  const found: ActesWarning[] = [];
  const papier = leaf(element, 'DocumentPapier');
  const papierValue = papier?.text.trim() ?? '';
  // Empty or nil means "not said"; anything but O and N (such as Stela's 0) is a guess.
  if (papier && attr(papier, 'nil', XSI_NS)?.trim() !== 'true' && papierValue !== '' && !['O', 'N'].includes(papierValue)) {
    found.push(warning('odd_document_papier', `${path}/DocumentPapier`, `DocumentPapier is ${JSON.stringify(papierValue)}, not O or N`));
  }
  const objet = leaf(element, 'Objet')?.text.trim() ?? '';
  if (objet.length > 500) found.push(warning('objet_too_long', `${path}/Objet`, `Objet has ${objet.length} characters, over 500`));
  const numero = attr(element, 'NumeroInterne', element.ns)?.trim() ?? '';
  if (numero.length > 15) found.push(warning('numero_interne_too_long', path, `NumeroInterne ${numero} has over 15 characters`));
  if (/[^A-Za-z0-9_]/.test(numero)) found.push(warning('numero_interne_charset', path, `NumeroInterne ${numero} has characters outside [A-Za-z0-9_]`));
  return found;
}

const natureCheck =
  (valid: (nature: string) => boolean, expected: string) =>
  (element: XmlElement, path: string): ActesWarning[] => {
    const nature = leaf(element, 'Nature')?.text.trim();
    return nature !== undefined && !valid(nature) ? [warning('anomaly_nature', `${path}/Nature`, `Nature ${nature} is not ${expected}`)] : [];
  };

const FICHIER: Model = { sequence: [['NomFichier', '1'], ['Signature', '?']] };
const WITH_ID_ACTE: Model = { check: idActeCheck };
const DONNEES_ACTE: Model = {
  sequence: [
    ['CodeMatiere1', '1'],
    ['CodeMatiere2', '1'],
    ['CodeMatiere3', '?'],
    ['CodeMatiere4', '?'],
    ['CodeMatiere5', '?'],
    ['Objet', '1'],
    ['PrecedentIdentifiantActe', '?', WITH_ID_ACTE],
    ['ClassificationDateVersion', '1'],
    ['Document', '1', FICHIER],
    ['Annexes', '1', { sequence: [['Annexe', '*', FICHIER]] }],
    ['DocumentPapier', '1'],
  ],
  check: donneesActeCheck,
};
const ENVELOPPE_CL: Model = {
  sequence: [
    ['Emetteur', '1', { sequence: [['IDCL', '1'], ['Referent', '?']] }],
    ['AdressesRetour', '1', { sequence: [['Email', '+']] }],
    ['FormulairesEnvoyes', '1', { sequence: [['Formulaire', '+', FICHIER]] }],
  ],
};
const LETTER: Model = { sequence: [['Document', '1', FICHIER]], check: idActeCheck };
const AR_REPONSE: Model = { sequence: [['InfosCourrierPref', '1', WITH_ID_ACTE]] };
const matieres = (level: number): Model => ({
  sequence: level <= 5 ? [[`Matiere${level}`, level <= 2 ? '+' : '*', matieres(level + 1)]] : [],
});

const MODELS: Record<string, Model> = {
  Acte: DONNEES_ACTE,
  ARActe: { sequence: [['ActeRecu', '1', DONNEES_ACTE], ['ClassificationDateVersionEnCours', '1']], check: idActeCheck },
  AnomalieActe: {
    sequence: [['Date', '1'], ['Nature', '1'], ['Detail', '?'], ['ActeRecu', '1', DONNEES_ACTE], ['ClassificationDateVersionEnCours', '1']],
    check: natureCheck((n) => /^\d{3}$/.test(n), '3 digits'),
  },
  CourrierSimple: LETTER,
  ReponseCourrierSimple: LETTER,
  DemandePieceComplementaire: { sequence: [['DescriptionPieces', '1'], ['Document', '1', FICHIER]], check: idActeCheck },
  ARDemandePieceComplementaire: WITH_ID_ACTE,
  RefusPieceComplementaire: LETTER,
  PieceComplementaire: { sequence: [['Documents', '1', { sequence: [['Document', '+', FICHIER]] }]], check: idActeCheck },
  ARPieceComplementaire: AR_REPONSE,
  LettreObservations: { sequence: [['Motif', '1'], ['Document', '1', FICHIER]], check: idActeCheck },
  ARLettreObservations: WITH_ID_ACTE,
  RejetLettreObservations: LETTER,
  ReponseLettreObservations: LETTER,
  ARReponseRejetLettreObservations: AR_REPONSE,
  DefereTA: {
    sequence: [['DateDepot', '1'], ['NatureIllegalite', '1'], ['PiecesJointes', '1', { sequence: [['PieceJointe', '*', FICHIER]] }]],
    check: idActeCheck,
  },
  Annulation: WITH_ID_ACTE,
  ARAnnulation: WITH_ID_ACTE,
  DemandeClassification: { sequence: [['DateClassification', '?']] },
  RetourClassification: {
    sequence: [
      ['DateClassification', '1'],
      ['NaturesActes', '1', { sequence: [['NatureActe', '+', { sequence: [['TypePJNatureActe', '+']] }]] }],
      ['Matieres', '1', matieres(1)],
    ],
  },
  ReponseClassificationSansChangement: { sequence: [['DateClassification', '1']] },
  AnomalieEnveloppe: {
    sequence: [['Date', '1'], ['Nature', '1'], ['Detail', '?'], ['EnveloppeRecue', '1', ENVELOPPE_CL]],
    // An xsd:integer enumeration: '5' and '005' are the same value.
    check: natureCheck((n) => /^\d+$/.test(n) && [1, 2, 3, 4, 5, 100].includes(Number(n)), 'one of 001-005 or 100'),
  },
};

/** Drifts of a business message from actesv1_1.xsd; [] for a root it does not know. */
export function reportXsdDrifts(root: XmlElement): ActesWarning[] {
  return Object.hasOwn(MODELS, root.name) ? check(root, MODELS[root.name], root.name) : [];
}

function check(element: XmlElement, model: Model, path: string): ActesWarning[] {
  const found: ActesWarning[] = [];
  const sequence = model.sequence ?? [];
  const counts = sequence.map(() => 0);
  let position = 0;
  for (const c of element.children) {
    const at = `${path}/${c.name}`;
    const index = c.ns === element.ns ? sequence.findIndex(([name]) => name === c.name) : -1;
    if (index < 0) {
      found.push(warning('unexpected_element', at, `${c.name} is not expected in ${element.name}`));
      continue;
    }
    if (index < position) found.push(warning('element_order', at, `${c.name} comes after ${sequence[position][0]}`));
    else position = index;
    counts[index]++;
    const childModel = sequence[index][2];
    if (childModel) found.push(...check(c, childModel, at));
  }
  sequence.forEach(([name, occurs], i) => {
    if (counts[i] === 0 && (occurs === '1' || occurs === '+')) found.push(warning('missing_element', `${path}/${name}`, `${name} is missing`));
    if (counts[i] > 1 && (occurs === '1' || occurs === '?')) found.push(warning('repeated_element', `${path}/${name}`, `${name} appears ${counts[i]} times`));
  });
  return [...found, ...(model.check?.(element, path) ?? [])];
}
