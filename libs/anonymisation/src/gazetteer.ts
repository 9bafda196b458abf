// The zxcvbn-ts French dictionary names its lists the wrong way round: `lastnames.json`
// holds the given names (INSEE fichier des prénoms, names given at least 100 times).
import givenNameList from '@zxcvbn-ts/language-fr/src/lastnames.json';
import { fold } from './text';

/** Given names that are also ordinary words or place names, too ambiguous to act as a cue. */
const AMBIGUOUS_GIVEN_NAMES = ['france', 'marine', 'loup', 'aime', 'fleur', 'ange', 'avril', 'mai', 'juin'];

const GIVEN_NAMES: ReadonlySet<string> = new Set(
  (givenNameList as string[]).map(fold).filter((name) => !AMBIGUOUS_GIVEN_NAMES.includes(name)),
);

/** A known French given name, compound ones ("Jean-Marc", "Marie-Alice") included. */
export function isGivenName(key: string): boolean {
  if (GIVEN_NAMES.has(key)) return true;
  const parts = key.split('-');
  return parts.length > 1 && parts.every((p) => GIVEN_NAMES.has(p));
}

/** Lower-case (or capitalised) particles inside surnames: "Guy de DURFORT", "LE RHUN", "DA SILVA". */
export const PARTICLES: ReadonlySet<string> = new Set([
  'de', 'du', 'des', 'del', 'della', 'di', 'da', 'dos', 'das', 'le', 'la', 'van', 'von', 'der', 'den', 'ben', 'el', 'al', 'ter', 'ten', 'mac', 'st', 'saint', 'sainte',
]);

/** Singular civilities and the gender they tell (undefined: either). */
export const CIVILITIES: ReadonlyMap<string, 'm' | 'f' | undefined> = new Map([
  ['M', 'm'], ['Mr', 'm'], ['MR', 'm'], ['Monsieur', 'm'], ['MONSIEUR', 'm'], ['monsieur', 'm'],
  ['Mme', 'f'], ['MME', 'f'], ['Madame', 'f'], ['MADAME', 'f'], ['madame', 'f'],
  ['Mlle', 'f'], ['Melle', 'f'], ['Mademoiselle', 'f'], ['MADEMOISELLE', 'f'],
  ['Me', undefined], ['Maître', undefined], ['Maitre', undefined], ['MAITRE', undefined], ['MAÎTRE', undefined],
  ['Dr', undefined], ['Docteur', undefined], ['Pr', undefined], ['Professeur', undefined],
]);

/** Plural civilities that introduce a list of names. */
export const PLURAL_CIVILITIES: ReadonlyMap<string, 'm' | 'f' | undefined> = new Map([
  ['MM', 'm'], ['Messieurs', 'm'], ['MESSIEURS', 'm'], ['Mmes', 'f'], ['MMES', 'f'], ['Mesdames', 'f'], ['MESDAMES', 'f'],
]);

/** Civilities of lawyers and notaries: a professional acting as such. */
export const PROFESSIONAL_CIVILITIES: ReadonlySet<string> = new Set(['Me', 'Maître', 'Maitre', 'MAITRE', 'MAÎTRE']);

/**
 * Capitalised words that are never (part of) a person's name in minutes: functions,
 * civilities, months, days, function words and legal forms.
 */
export const NEVER_NAMES: ReadonlySet<string> = new Set(
  [
    'maire', 'maires', 'adjoint', 'adjointe', 'adjoints', 'president', 'presidente', 'vice-president', 'vice-presidente', 'conseiller', 'conseillere',
    'conseillers', 'conseilleres', 'municipal', 'municipale', 'municipaux', 'communautaire', 'communautaires', 'secretaire', 'secretaires',
    'directeur', 'directrice', 'prefet', 'prefete', 'sous-prefet', 'sous-prefete', 'depute', 'deputee', 'senateur', 'senatrice', 'tresorier',
    'tresoriere', 'receveur', 'rapporteur', 'rapporteure', 'delegue', 'deleguee', 'delegues', 'commune', 'communes', 'conseil', 'communaute',
    'departement', 'departemental', 'region', 'regional', 'etat', 'republique', 'prefecture', 'mairie',
    'monsieur', 'madame', 'mademoiselle', 'messieurs', 'mesdames', 'mme', 'mmes', 'mm', 'mlle', 'melle', 'mr', 'me', 'maitre', 'dr', 'docteur', 'pr', 'professeur',
    'janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre',
    'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche',
    'le', 'la', 'les', 'l', 'un', 'une', 'des', 'du', 'de', 'd', 'et', 'ou', 'en', 'au', 'aux', 'par', 'sur', 'sous', 'dans', 'avec', 'sans', 'apres',
    'avant', 'il', 'elle', 'ils', 'elles', 'ce', 'cette', 'ces', 'son', 'sa', 'ses', 'leur', 'leurs', 'mais', 'donc', 'si', 'lors', 'afin', 'a', 'est', 'sont',
    'sasu', 'sas', 'sarl', 'eurl', 'sci', 'scea', 'earl', 'gaec', 'snc', 'scp', 'selarl', 'eirl', 'sa', 'ets',
  ].map(fold),
);

/**
 * Capitalised words of minutes that do not start a name ("Page 1", "Vote :", "Objet"), though
 * they may be a surname after a civility or a given name ("M. Olivier PAGE").
 */
export const NOT_NAMES: ReadonlySet<string> = new Set([
  ...NEVER_NAMES,
  ...[
    'titulaires', 'suppleants', 'presents', 'presentes', 'present', 'presente', 'absent', 'absente', 'absents', 'absentes', 'excuse', 'excusee',
    'excuses', 'excusees', 'pouvoir', 'pouvoirs', 'procuration', 'procurations', 'invite', 'invites', 'vu', 'vus', 'considerant', 'article',
    'articles', 'objet', 'vote', 'votes', 'pour', 'contre', 'abstention', 'abstentions', 'unanimite', 'suite', 'ordre', 'jour', 'seance', 'compte',
    'rendu', 'proces-verbal', 'deliberation', 'decision', 'decisions', 'question', 'questions', 'point', 'annexe', 'page', 'cabinet', 'garage',
    'societe', 'entreprise', 'association', 'syndicat', 'agence', 'institut', 'ecole', 'college', 'lycee', 'salle', 'rue', 'avenue', 'place',
    'total', 'montant', 'nom', 'prenom', 'adresse', 'budget', 'code', 'loi', 'decret', 'arrete', 'tribunal', 'cour', 'ttc', 'ht', 'euros', 'tva',
  ].map(fold),
]);
