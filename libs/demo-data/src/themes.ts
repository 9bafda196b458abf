import { Rng } from './prng';

export interface ThemeContext {
  rng: Rng;
  year: number;
  /** commune name without "Commune de" */
  town: string;
}

export interface ThemeAct {
  matieres: [number, number];
  objet: string;
  expose: string[];
  decide: string[];
}

export function euros(amount: number): string {
  return `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} €`;
}

const WORKS = [
  'rénovation de la salle polyvalente',
  "extension de l'école publique",
  'aménagement de la place du bourg',
  "réfection de la toiture de l'église",
  "création d'une liaison douce vers le bourg",
  'mise en accessibilité de la mairie',
];
const ASSOCIATIONS = [
  'Comité des fêtes',
  'Amicale laïque',
  "Association des parents d'élèves",
  'Cercle celtique Bro-Lann',
  'Club de football des Landes',
  'Les Amis du patrimoine',
];
const STREETS = ['rue des Ajoncs', 'impasse des Genêts', 'chemin de Kervélan', 'route de Lann-Vihan', 'rue du Vieux Lavoir'];
const PLACES = ['Kervélan', 'Penn ar Hoat', 'Goarem Vraz', 'Kerlosquet', 'Park an Dour'];
const BODIES = [
  "syndicat départemental d'énergie",
  'syndicat mixte du bassin versant',
  "comité national d'action sociale",
  'syndicat intercommunal à vocation scolaire',
];

const parcel = (rng: Rng) => `section ${rng.pick(['AB', 'ZC', 'ZH', 'B', 'D'])} n° ${rng.int(12, 980)}`;

/** Each theme draws its details once, so objet, exposé and decision agree. */
export const THEMES: readonly ((c: ThemeContext) => ThemeAct)[] = [
  ({ year }) => ({
    matieres: [7, 1],
    objet: `Budget primitif ${year} - budget principal`,
    expose: [
      `Le projet de budget primitif ${year} a été présenté en commission des finances.`,
      "Il s'équilibre en dépenses et en recettes en section de fonctionnement comme en section d'investissement.",
    ],
    decide: [`d'adopter le budget primitif ${year} du budget principal, voté par chapitre.`],
  }),
  ({ rng, year }) => {
    const n = rng.int(1, 3);
    const amount = rng.int(2, 60) * 500;
    return {
      matieres: [7, 1],
      objet: `Décision modificative n° ${n} au budget principal ${year}`,
      expose: [
        `Des ajustements de crédits sont nécessaires pour un montant de ${euros(amount)} en section d'investissement.`,
        'Ils sont compensés par une diminution des dépenses imprévues.',
      ],
      decide: [`d'approuver la décision modificative n° ${n} telle que présentée.`],
    };
  },
  ({ rng, year }) => ({
    matieres: [7, 1],
    objet: `Affectation du résultat de l'exercice ${year - 1}`,
    expose: [
      `Le compte financier unique ${year - 1} fait apparaître un excédent de fonctionnement de ${euros(rng.int(40, 400) * 1000)}.`,
    ],
    decide: [`d'affecter cet excédent au financement de la section d'investissement ${year}.`],
  }),
  ({ rng, year }) => {
    const rate = (rng.int(3000, 4200) / 100).toFixed(2);
    return {
      matieres: [7, 2],
      objet: `Vote des taux d'imposition des taxes directes locales pour ${year}`,
      expose: [
        `Il est proposé de maintenir les taux de l'an passé, dont ${rate} % pour la taxe foncière sur les propriétés bâties.`,
      ],
      decide: [`de fixer les taux d'imposition ${year} sans augmentation.`],
    };
  },
  ({ rng }) => {
    const work = rng.pick(WORKS);
    const amount = rng.int(10, 80) * 10_000;
    return {
      matieres: [7, 3],
      objet: `Réalisation d'un emprunt de ${euros(amount)} pour la ${work}`,
      expose: [
        `Trois établissements bancaires ont été consultés pour financer la ${work}.`,
        `L'offre retenue porte sur une durée de ${rng.pick([15, 20, 25])} ans à taux fixe.`,
      ],
      decide: [
        `de contracter un emprunt de ${euros(amount)}.`,
        "d'autoriser le Maire à signer le contrat de prêt.",
      ],
    };
  },
  ({ rng, year }) => {
    const association = rng.pick(ASSOCIATIONS);
    const amount = rng.int(3, 40) * 50;
    return {
      matieres: [7, 5],
      objet: `Attribution d'une subvention de ${euros(amount)} à l'association ${association}`,
      expose: [`L'association ${association} sollicite une aide pour ses activités ${year}.`],
      decide: [`d'attribuer une subvention de ${euros(amount)} à l'association ${association}.`],
    };
  },
  ({ year }) => ({
    matieres: [7, 10],
    objet: `Tarifs communaux ${year} : salle polyvalente, cimetière et médiathèque`,
    expose: ['Les tarifs communaux sont revus chaque année.', 'Il est proposé une hausse limitée à 2 %.'],
    decide: [`d'approuver les tarifs communaux applicables au 1er janvier ${year}.`],
  }),
  ({ rng }) => {
    const work = rng.pick(WORKS);
    const lot = rng.int(1, 9);
    const amount = rng.int(20, 300) * 1000;
    return {
      matieres: [1, 1],
      objet: `Attribution du marché de travaux pour la ${work} - lot n° ${lot}`,
      expose: [
        `La consultation lancée en procédure adaptée pour la ${work} a reçu ${rng.int(2, 7)} offres pour le lot n° ${lot}.`,
      ],
      decide: [
        `d'attribuer le lot n° ${lot} à l'entreprise la mieux-disante pour ${euros(amount)} HT.`,
        "d'autoriser le Maire à signer le marché.",
      ],
    };
  },
  ({ rng }) => {
    const work = rng.pick(WORKS);
    const n = rng.int(1, 4);
    return {
      matieres: [1, 1],
      objet: `Avenant n° ${n} au marché de travaux pour la ${work}`,
      expose: [`Des travaux supplémentaires sont apparus nécessaires en cours de chantier pour la ${work}.`],
      decide: [`d'approuver l'avenant n° ${n} pour un montant de ${euros(rng.int(2, 30) * 500)} HT.`],
    };
  },
  () => ({
    matieres: [1, 7],
    objet: "Adhésion au groupement de commandes pour la fourniture d'électricité",
    expose: ["Le groupement permet de mutualiser les achats d'énergie des collectivités du département."],
    decide: ["d'adhérer au groupement de commandes et d'en accepter la convention constitutive."],
  }),
  ({ rng }) => {
    const p = parcel(rng);
    const place = rng.pick(PLACES);
    return {
      matieres: [3, 1],
      objet: `Acquisition de la parcelle cadastrée ${p} au lieu-dit ${place}`,
      expose: [
        `La parcelle ${p} d'une surface de ${rng.int(150, 5000)} m² permettrait l'extension des équipements communaux.`,
      ],
      decide: [
        `d'acquérir la parcelle ${p} au prix de ${euros(rng.int(2, 60) * 1000)}.`,
        "d'autoriser le Maire à signer l'acte notarié.",
      ],
    };
  },
  ({ rng }) => {
    const street = rng.pick(STREETS);
    return {
      matieres: [3, 2],
      objet: `Cession d'un délaissé de voirie ${street}`,
      expose: [
        `Un riverain a demandé à acquérir une bande de terrain de ${rng.int(20, 200)} m² ${street} qui n'est plus affectée à la circulation.`,
      ],
      decide: [
        "de céder ce délaissé au prix fixé par le service des domaines, frais à la charge de l'acquéreur.",
      ],
    };
  },
  ({ rng, town }) => {
    const street = rng.pick(STREETS);
    return {
      matieres: [3, 3],
      objet: `Renouvellement du bail du logement communal situé ${street}`,
      expose: [`Le bail du logement communal ${street} à ${town} arrive à échéance.`],
      decide: [
        `de renouveler le bail pour trois ans moyennant un loyer mensuel de ${euros(rng.int(40, 75) * 10)}.`,
      ],
    };
  },
  ({ rng }) => {
    const place = rng.pick(PLACES);
    return {
      matieres: [3, 5],
      objet: `Dénomination de la voie desservant le lotissement de ${place}`,
      expose: ["L'adressage des nouvelles habitations impose de nommer la voie."],
      decide: [`de dénommer cette voie « allée de ${place} ».`],
    };
  },
  () => ({
    matieres: [4, 1],
    objet: "Création d'un poste d'adjoint technique territorial à temps complet",
    expose: ["L'entretien des espaces verts et des bâtiments justifie la création d'un poste permanent."],
    decide: [
      "de créer un poste d'adjoint technique territorial à temps complet.",
      'de modifier le tableau des effectifs en conséquence.',
    ],
  }),
  ({ year }) => ({
    matieres: [4, 2],
    objet: `Recrutement d'agents contractuels pour l'été ${year}`,
    expose: [
      "La fréquentation estivale nécessite un renfort temporaire des services techniques et de l'accueil.",
    ],
    decide: ["de recruter des agents contractuels pour accroissement saisonnier d'activité."],
  }),
  () => ({
    matieres: [4, 5],
    objet: 'Mise à jour du régime indemnitaire des agents communaux',
    expose: ['Le comité social territorial a rendu un avis favorable sur la mise à jour proposée.'],
    decide: ["d'approuver les nouvelles modalités du régime indemnitaire."],
  }),
  ({ rng }) => {
    const body = rng.pick(BODIES);
    return {
      matieres: [5, 3],
      objet: `Désignation d'un délégué au ${body}`,
      expose: [`Suite à une démission, il convient de désigner un nouveau délégué au ${body}.`],
      decide: [`de désigner un délégué titulaire au ${body}.`],
    };
  },
  ({ year }) => ({
    matieres: [5, 7],
    objet: `Approbation du rapport de la commission locale d'évaluation des charges transférées ${year}`,
    expose: ['La commission a évalué les charges transférées à la communauté de communes.'],
    decide: ["d'approuver le rapport de la commission."],
  }),
  ({ rng, year }) => ({
    matieres: [8, 1],
    objet: `Participation aux frais de fonctionnement de l'école privée pour ${year}`,
    expose: [`Le contrat d'association impose une participation par élève domicilié dans la commune.`],
    decide: [`de fixer la participation à ${euros(rng.int(60, 110) * 10)} par élève.`],
  }),
  ({ rng, year }) => {
    const n = rng.int(1, 40);
    return {
      matieres: [8, 3],
      objet: `Programme de voirie ${year} : réfection de la voie communale n° ${n}`,
      expose: [
        `L'état de la voie communale n° ${n} nécessite une réfection sur ${rng.int(3, 20) * 100} mètres.`,
      ],
      decide: ["d'approuver le programme de voirie et de solliciter les subventions possibles."],
    };
  },
  ({ town }) => ({
    matieres: [8, 4],
    objet: "Lancement d'une étude de revitalisation du centre-bourg",
    expose: [`Plusieurs commerces du centre de ${town} ont fermé ces dernières années.`],
    decide: [
      'de lancer une étude de revitalisation du centre-bourg et de solliciter les aides de la Région.',
    ],
  }),
  ({ rng }) => {
    const n = rng.int(4, 24);
    return {
      matieres: [8, 5],
      objet: `Convention avec un bailleur social pour la construction de ${n} logements`,
      expose: [`Le projet prévoit ${n} logements locatifs sociaux sur un terrain communal.`],
      decide: ["d'approuver la convention et d'autoriser le Maire à la signer."],
    };
  },
  ({ year }) => ({
    matieres: [8, 8],
    objet: `Rapport annuel sur le prix et la qualité du service de l'assainissement ${year - 1}`,
    expose: ['Le rapport annuel est présenté au conseil municipal puis mis à la disposition du public.'],
    decide: [`de prendre acte du rapport ${year - 1} sur le service de l'assainissement.`],
  }),
  () => ({
    matieres: [8, 9],
    objet: 'Règlement intérieur et tarifs de la médiathèque',
    expose: ['Le règlement de la médiathèque doit intégrer le nouveau service de prêt numérique.'],
    decide: ["d'approuver le règlement intérieur et les tarifs de la médiathèque."],
  }),
  () => ({
    matieres: [9, 4],
    objet: 'Motion pour le maintien du bureau de poste',
    expose: ["La réduction annoncée des horaires d'ouverture du bureau de poste pénaliserait les habitants."],
    decide: ["d'adopter une motion demandant le maintien des horaires actuels."],
  }),
  ({ rng }) => ({
    matieres: [2, 1],
    objet: `Modification simplifiée n° ${rng.int(1, 5)} du plan local d'urbanisme`,
    expose: ['La modification vise à corriger une erreur matérielle du règlement écrit.'],
    decide: ["d'approuver la modification simplifiée du plan local d'urbanisme."],
  }),
];
