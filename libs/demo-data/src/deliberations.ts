import { DEMO_COLLECTIVITIES, DEPARTEMENT_NAMES, DemoCollectivity } from './collectivities';
import { Rng } from './prng';
import { euros, ThemeAct, THEMES } from './themes';

export interface DemoVotes {
  effectif: number;
  reel: number;
  pour: number;
  contre: number;
  abstention: number;
}

export interface DemoDeliberation {
  collectivity: DemoCollectivity;
  /** YYYY-MM-DD */
  date: string;
  /** e.g. 2026_042, unique per collectivity within a run */
  numeroInterne: string;
  matieres: number[];
  objet: string;
  /** What the document says about the vote, for checking extraction. */
  votes: DemoVotes;
  /** lines per page */
  pages: string[][];
}

export interface GenerateOptions {
  seed: number;
  count: number;
  /** default: 1 to 3, varying */
  pagesPerAct?: number;
  collectivities?: readonly DemoCollectivity[];
}

const FIRST_NAMES = [
  'Anne', 'Yann', 'Maëlle', 'Soizic', 'Gwenaël', 'Nolwenn', 'Erwan', 'Katell', 'Loïc', 'Morgane',
  'Ronan', 'Tiphaine', 'Corentin', 'Gaëlle', 'Hervé', 'Mikaël', 'Françoise', 'Jérôme', 'Élodie', 'Benoît',
];
/** Invented surnames. */
const LAST_NAMES = [
  'Kerlanvic', 'Le Moalvec', 'Penhouarnic', 'Le Drévoal', 'Quéménaour', 'Le Tréhoric',
  'Gourvennoc', 'Le Bervazec', 'Kerbriavel', 'Le Guénolvic', 'Tanguivel', 'Le Corvennec',
];
const MONTHS = [
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
  'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
];
const COUNCIL_SIZES = [15, 19, 23, 27];
const VISAS = [
  'Vu le code général des collectivités territoriales, notamment son article L. 2121-29 ;',
  'Vu le budget de la commune ;',
  "Vu l'avis de la commission municipale compétente ;",
];
const CHAPTERS = [
  ['011', 'Charges à caractère général'],
  ['012', 'Charges de personnel et frais assimilés'],
  ['65', 'Autres charges de gestion courante'],
  ['66', 'Charges financières'],
  ['21', 'Immobilisations corporelles'],
  ['23', 'Immobilisations en cours'],
  ['70', 'Produits des services'],
  ['73', 'Impôts et taxes'],
  ['74', 'Dotations et participations'],
];
const NOTE_SECTIONS = ['Contexte', 'Enjeux', 'Modalités', 'Incidences financières', 'Calendrier'];
const NOTE_SENTENCES = [
  'Le présent rapport rappelle le contexte du dossier soumis au conseil municipal.',
  "Les crédits nécessaires sont inscrits au budget de l'exercice en cours.",
  'La commission compétente a examiné le dossier lors de sa dernière réunion.',
  'Les services municipaux ont recensé les contraintes techniques, juridiques et financières.',
  'Le calendrier prévisionnel prévoit une mise en œuvre au cours du prochain trimestre.',
  'Les habitants seront informés par le bulletin municipal et le site internet de la commune.',
  "Le dossier complet peut être consulté en mairie aux heures d'ouverture.",
  "Aucune autre solution ne permettait de répondre au besoin dans des conditions équivalentes.",
  "Le conseil municipal sera tenu informé de l'avancement du dossier.",
  'Les partenaires institutionnels ont été associés à la préparation de ce projet.',
];
const START_DATE = Date.UTC(2024, 0, 8);
const DAY = 86_400_000;
const LINES_PER_PAGE = 46;
const WRAP_AT = 86;
/** Spaces where a line may break: not inside "24 000 €" nor after "n°". */
const UNBREAKABLE_AFTER_SPACE = /(?<!n°) (?!\d{3}\b|€)/;

/** `2026-02-01` → `1er février 2026` */
export function frenchDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d === 1 ? '1er' : d} ${MONTHS[m - 1]} ${y}`;
}

export function voteLine({ pour, contre, abstention }: DemoVotes): string {
  if (!contre && !abstention) return "Adopté à l'unanimité";
  const parts = [`${pour} voix pour`];
  if (contre) parts.push(`${contre} contre`);
  if (abstention) parts.push(`${abstention} abstention${abstention > 1 ? 's' : ''}`);
  return `Adopté par ${parts.slice(0, -1).join(', ')} et ${parts.at(-1)}`;
}

function wrap(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(UNBREAKABLE_AFTER_SPACE)) {
    if (line && line.length + 1 + word.length > WRAP_AT) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

const personName = (rng: Rng) => `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
const townOf = (c: DemoCollectivity) => c.name.replace(/^Commune d(?:e |')/, '');
const digitSum = (digits: string) => [...digits].reduce((s, d) => s + Number(d), 0);
const councilSize = (c: DemoCollectivity) => COUNCIL_SIZES[digitSum(c.siren) % COUNCIL_SIZES.length];

interface Session {
  date: string;
  present: number;
  votants: number;
  secretary: string;
}

interface CollectivityState {
  collectivity: DemoCollectivity;
  mayor: string;
  nextDay: number;
  numbers: Map<number, number>;
  objets: Set<string>;
}

function nextSession(rng: Rng, state: CollectivityState): Session {
  state.nextDay += rng.int(21, 49) * DAY;
  const effectif = councilSize(state.collectivity);
  const present = effectif - rng.int(0, 4);
  const votants = present + rng.int(0, Math.min(2, effectif - present));
  const date = new Date(state.nextDay).toISOString().slice(0, 10);
  return { date, present, votants, secretary: personName(rng) };
}

function drawVotes(rng: Rng, effectif: number, votants: number): DemoVotes {
  const [contre, abstention] = rng.chance(0.55) ? [0, 0] : [rng.int(0, 3), rng.int(0, 3)];
  return { effectif, reel: votants, pour: votants - contre - abstention, contre, abstention };
}

/** Budget acts get a table by chapter, others a note of synthesis. */
function annexLines(rng: Rng, act: ThemeAct & { numeroInterne: string }, count: number): string[] {
  const lines = [`ANNEXE À LA DÉLIBÉRATION N° ${act.numeroInterne}`, ...wrap(`Objet : ${act.objet}`), ''];
  if (act.matieres[0] === 7) {
    lines.push('État récapitulatif par chapitre', '');
    while (lines.length < count) {
      const [code, label] = rng.pick(CHAPTERS);
      lines.push(`Chapitre ${code} - ${label} : ${euros(rng.int(1, 900) * 100)}`);
    }
  } else {
    lines.push('NOTE DE SYNTHÈSE', '');
    for (let n = 1; ; n++) {
      const first = rng.int(0, NOTE_SENTENCES.length - 1);
      const sentences = Array.from({ length: rng.int(2, 4) }, (_, i) => NOTE_SENTENCES[(first + i) % NOTE_SENTENCES.length]);
      const title = `${n}. ${NOTE_SECTIONS[(n - 1) % NOTE_SECTIONS.length]}`;
      const section = [title, ...wrap(sentences.join(' ')), ''];
      if (lines.length + section.length > count) break;
      lines.push(...section);
    }
  }
  return lines.slice(0, count);
}

function paginate(
  body: string[],
  annex: (count: number) => string[],
  pageCount: number,
  footer: string,
): string[][] {
  const chunks = (lines: string[]) =>
    Array.from({ length: Math.ceil(lines.length / LINES_PER_PAGE) }, (_, i) =>
      lines.slice(i * LINES_PER_PAGE, (i + 1) * LINES_PER_PAGE),
    );
  const bodyPages = chunks(body);
  const pages = [...bodyPages, ...chunks(annex(Math.max(0, pageCount - bodyPages.length) * LINES_PER_PAGE))];
  return pages.map((lines, i) => [...lines, '', `${footer} - page ${i + 1}/${pages.length}`]);
}

function actPages(
  rng: Rng,
  state: CollectivityState,
  session: Session,
  act: ThemeAct & { numeroInterne: string; votes: DemoVotes },
  pageCount: number,
): string[][] {
  const { collectivity, mayor } = state;
  const convocation = new Date(Date.parse(session.date) - rng.int(5, 8) * DAY).toISOString().slice(0, 10);
  const body = [
    `Département : ${DEPARTEMENT_NAMES[collectivity.departement] ?? collectivity.departement}`,
    collectivity.name.toUpperCase(),
    'EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL',
    '',
    `Séance du conseil municipal du ${frenchDate(session.date)}`,
    `Délibération n° ${act.numeroInterne}`,
    `Date de convocation : ${frenchDate(convocation)}`,
    `Nombre de membres en exercice : ${act.votes.effectif}`,
    `Nombre de membres présents : ${session.present}`,
    `Nombre de votants : ${act.votes.reel}`,
    '',
    ...wrap(
      `Le conseil municipal, régulièrement convoqué, s'est réuni à la mairie sous la présidence de ${mayor}, Maire.`,
    ),
    `Secrétaire de séance : ${session.secretary}`,
    '',
    ...wrap(`Objet : ${act.objet}`),
    '',
    ...act.expose.flatMap((s, i) => wrap(i ? s : `Le Maire expose : ${s}`)),
    '',
    ...VISAS,
    '',
    'Après en avoir délibéré, le conseil municipal',
    'DÉCIDE',
    ...act.decide.flatMap((s) => wrap(`- ${s}`)),
    '',
    voteLine(act.votes),
    '',
    `Fait à ${townOf(collectivity)}, le ${frenchDate(session.date)}`,
    `Le Maire, ${mayor}`,
  ];
  return paginate(body, (n) => annexLines(rng, act, n), pageCount, `Délibération n° ${act.numeroInterne}`);
}

/** A theme whose objet this collectivity has not used yet (a few tries). */
function drawTheme(rng: Rng, state: CollectivityState, year: number): ThemeAct {
  const context = { rng, year, town: townOf(state.collectivity) };
  let theme = rng.pick(THEMES)(context);
  for (let tries = 0; tries < 8 && state.objets.has(theme.objet); tries++) theme = rng.pick(THEMES)(context);
  state.objets.add(theme.objet);
  return theme;
}

/**
 * Deterministic, fictional délibérations of Breton communes, grouped in
 * sessions of 3 to 8 acts. The same options give the same output, and a
 * smaller count gives a prefix of a larger one.
 */
export function generateDeliberations(opts: GenerateOptions): DemoDeliberation[] {
  const rng = new Rng(opts.seed);
  const collectivities = opts.collectivities ?? DEMO_COLLECTIVITIES;
  if (!collectivities.length) throw new RangeError('No collectivity to generate deliberations for');
  const states: CollectivityState[] = collectivities.map((collectivity) => ({
    collectivity,
    mayor: personName(rng),
    nextDay: START_DATE + rng.int(0, 20) * DAY,
    numbers: new Map(),
    objets: new Set(),
  }));

  const out: DemoDeliberation[] = [];
  while (out.length < opts.count) {
    const state = rng.pick(states);
    const session = nextSession(rng, state);
    const year = Number(session.date.slice(0, 4));
    const size = Math.min(rng.int(3, 8), opts.count - out.length);
    for (let i = 0; i < size; i++) {
      const theme = drawTheme(rng, state, year);
      const seq = (state.numbers.get(year) ?? 0) + 1;
      state.numbers.set(year, seq);
      const numeroInterne = `${year}_${String(seq).padStart(3, '0')}`;
      const votes = drawVotes(rng, councilSize(state.collectivity), session.votants);
      const pageCount = opts.pagesPerAct ?? rng.int(1, 3);
      const pages = actPages(rng, state, session, { ...theme, numeroInterne, votes }, pageCount);
      const { collectivity } = state;
      out.push({ collectivity, date: session.date, numeroInterne, matieres: [...theme.matieres], objet: theme.objet, votes, pages });
    }
  }
  return out;
}
