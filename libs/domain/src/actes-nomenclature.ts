/**
 * National levels 1 and 2 of the ACTES classification of matières, with the
 * labels written as SCDL délibérations wants them: lower case, accented, no
 * comma, parenthesis or slash. Codes follow the classification distributed by
 * the ministry (levels 3 to 5 are local to each prefecture).
 */
export const ACTES_MATIERES: Readonly<Record<number, { label: string; children: readonly string[] }>> = {
  1: {
    label: 'commande publique',
    children: [
      'marchés publics',
      'délégation de service public',
      'conventions de mandat',
      'autres types de contrats',
      "transactions et protocoles d'accord transactionnel",
      "actes relatifs à la maîtrise d'œuvre",
      'actes spéciaux et divers',
    ],
  },
  2: {
    label: 'urbanisme',
    children: [
      "documents d'urbanisme",
      "actes relatifs au droit d'occupation ou d'utilisation des sols",
      'droit de préemption urbain',
    ],
  },
  3: {
    label: 'domaine et patrimoine',
    children: [
      'acquisitions',
      'aliénations',
      'locations',
      'limites territoriales',
      'autres actes de gestion du domaine public',
      'autres actes de gestion du domaine privé',
    ],
  },
  4: {
    label: 'fonction publique',
    children: [
      'personnels titulaires et stagiaires de la fonction publique territoriale',
      'personnel contractuel',
      'fonction publique hospitalière',
      'autres catégories de personnels',
      'régime indemnitaire',
    ],
  },
  5: {
    label: 'institutions et vie politique',
    children: [
      'élection exécutif',
      'fonctionnement des assemblées',
      'désignation de représentants',
      'délégation de fonctions',
      'délégation de signature',
      'exercice des mandats locaux',
      'intercommunalité',
      "décision d'ester en justice",
    ],
  },
  6: {
    label: 'libertés publiques et pouvoirs de police',
    children: [
      'police municipale',
      'pouvoir du président du conseil général',
      'pouvoir du président du conseil régional',
      'autres actes réglementaires',
      "actes pris au nom de l'état et soumis au contrôle hiérarchique",
    ],
  },
  7: {
    label: 'finances locales',
    children: [
      'décisions budgétaires',
      'fiscalité',
      'emprunts',
      'interventions économiques',
      'subventions',
      'contributions budgétaires',
      'avances',
      'fonds de concours',
      'prise de participation',
      'divers',
    ],
  },
  8: {
    label: 'domaines de compétences par thèmes',
    children: [
      'enseignement',
      'aide sociale',
      'voirie',
      'aménagement du territoire',
      'politique de la ville-habitat-logement',
      'emploi-formation professionnelle',
      'transports',
      'environnement',
      'culture',
    ],
  },
  9: {
    label: 'autres domaines de compétences',
    children: [
      'autres domaines de compétences des communes',
      'autres domaines de compétences des départements',
      'autres domaines de compétences des régions',
      'vœux et motions',
    ],
  },
};

/** `[7, 10, 3]` → `'7.10'`: the SCDL code keeps levels 1 and 2 only. */
export function classificationCode(matieres: readonly number[]): string {
  if (matieres.length < 2) throw new RangeError(`Two classification levels needed, got [${matieres.join(', ')}]`);
  return `${matieres[0]}.${matieres[1]}`;
}

/** Labels of a level-2 code such as `'8.4'`, or undefined for an unknown code. */
export function matiereLabel(code: string): { level1: string; level2: string } | undefined {
  const match = /^([1-9])\.([1-9]\d?)$/.exec(code.trim());
  if (!match) return undefined;
  const level1 = ACTES_MATIERES[Number(match[1])];
  const level2 = level1?.children[Number(match[2]) - 1];
  return level2 === undefined ? undefined : { level1: level1.label, level2 };
}

/** DELIB_MATIERE_NOM for a level-2 code: `'niveau 1/niveau 2'`. */
export function deliberationMatiereName(code: string): string | undefined {
  const labels = matiereLabel(code);
  return labels && `${labels.level1}/${labels.level2}`;
}

/** Abbreviations of CodeNatureActe 1..6, in order. */
export const NATURE_ABBREVS = ['DE', 'AR', 'AI', 'CC', 'BF', 'AU'] as const;
export type NatureAbbrev = (typeof NATURE_ABBREVS)[number];
