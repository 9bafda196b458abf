import { foldAligned } from './text';

/**
 * Content that CRPA L311-6 protects (appraisal, behaviour, health, private life) or that
 * concerns courts: where it appears, a person may be identifiable from the facts alone, so a
 * human reviews the document whatever the detectors found.
 */
const SENSITIVE_TOPICS: readonly { topic: string; pattern: RegExp }[] = [
  {
    topic: 'court proceedings',
    pattern: /\b(?:jugement|tribunal|cour d'appel|cour administrative|condamnee?s?|condamnation|proces-verbal d'infraction|plainte|poursuites? penales?|casier judiciaire|garde a vue|ordonnance du juge)\b/,
  },
  {
    topic: 'disciplinary or personnel matter',
    pattern: /\b(?:licenciement|licenciee?|revocation|sanctions? disciplinaires?|conseil de discipline|procedure disciplinaire|blame|mise a pied|exclusion temporaire de fonctions|suspension de fonctions|faute grave|insuffisance professionnelle|entretiens? (?:annuels?|professionnels?)|evaluation professionnelle|notation)\b/,
  },
  {
    topic: 'health',
    pattern: /\b(?:maladie|malade|sante|handicap|handicapee?|invalidite|medicale?s?|hospitalis\w+|accident de service|accident du travail|inaptitude|mi-temps therapeutique|deces de l'agent)\b/,
  },
  {
    topic: 'debts or social aid',
    pattern: /\b(?:dettes?|impayee?s?|endettement|surendettement|creances? irrecouvrables?|admission en non-valeur|non-valeur|aide sociale|aides? sociales?|rsa|revenu de solidarite|secours|allocation|ccas|expulsion|indigen\w+|precarite)\b/,
  },
];

/** Topics of sensitive content found in the text (each once); `folded` is `foldAligned(text)`. */
export function sensitiveTopics(text: string, folded = foldAligned(text)): string[] {
  return SENSITIVE_TOPICS.filter(({ pattern }) => pattern.test(folded)).map(({ topic }) => topic);
}
