import { extractRoster, type RosterEntry } from './deliberation-roster';
import { parseFrenchNumber } from './french-numbers';
import { isIsoDate, type DeliberationVotes } from './scdl-deliberations';

export interface DeliberationMembers {
  /** en exercice */
  inOffice?: number;
  present?: number;
  /** absent, with a proxy (pouvoir) given to a present member */
  represented?: number;
  /** votants */
  voting?: number;
}

export interface DeliberationFacts {
  /** YYYY-MM-DD */
  sessionDate?: string;
  members: DeliberationMembers;
  /** Only when the document states one coherent result (SCDL cross-column checks hold). */
  votes?: DeliberationVotes;
  /** Why `votes` is missing or how it was derived; never quotes the document. */
  voteNotes: string[];
  roster: RosterEntry[];
}

const MONTHS = ['janvier', 'f[ée]vrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'ao[uû]t', 'septembre', 'octobre', 'novembre', 'd[ée]cembre'];
const MONTH = `(${MONTHS.join('|')})`;
const WEEKDAY = '(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)';
const DAY = String.raw`(\d{1,2}|1er)`;
/** Counts in digits or in words (votes are often written "une abstention", "deux voix contre"). */
const COUNT = String.raw`(\d{1,3}|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix(?:-(?:sept|huit|neuf))?|onze|douze|treize|quatorze|quinze|seize|vingt)`;

/** Spaces within a line: a count and its label never sit on two lines ("Présents : 15\nVotants : 18"). */
const SP = String.raw`[^\S\n]+`;

const re = (source: string, flags = 'giu') => new RegExp(source, flags);

const monthNumber = (name: string) => MONTHS.findIndex((m) => re(`^${m}$`, 'iu').test(name)) + 1;

function isoDate(year: number | undefined, month: number, day: number | undefined): string | undefined {
  if (year === undefined || day === undefined) return undefined;
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
}

/** Ways a deliberation gives the date of its session, each with how to read its match. */
const SESSION_DATES: [RegExp, (m: RegExpMatchArray) => string | undefined][] = [
  [
    // Séance du 9 juin 2023, Conseil municipal du lundi 17 décembre 2018, réunion du 26/09/2008
    re(String.raw`(?:s[ée]ance|r[ée]union|conseil\s+municipal|conseil\s+communautaire|comit[ée]\s+syndical)\s+(?:[\p{L}']+\s+){0,2}?du\s+(?:${WEEKDAY}\s+)?(?:${DAY}\s+${MONTH}\s+(\d{4})|(\d{1,2})[/.](\d{1,2})[/.](\d{4}))`),
    (m) => (m[1] ? isoDate(Number(m[3]), monthNumber(m[2]), parseFrenchNumber(m[1])) : isoDate(Number(m[6]), Number(m[5]), Number(m[4]))),
  ],
  [
    // Mardi 29 Janvier 2013
    re(String.raw`\b${WEEKDAY}\s+${DAY}\s+${MONTH}\s+(\d{4})`),
    (m) => isoDate(Number(m[3]), monthNumber(m[2]), parseFrenchNumber(m[1])),
  ],
  [
    // L'an deux mille vingt-trois, le 9 juin ; L'an 2023 et le 2 février ; L'an deux mille vingt-cinq, le treize mars
    re(String.raw`l['’]\s?an\s+(\d{4}|[\p{L}\s-]+?)\s*,?\s+(?:et\s+)?le\s+(?:${WEEKDAY}\s+)?([\p{L}-]+|\d{1,2})\s+${MONTH}`),
    (m) => isoDate(parseFrenchNumber(m[1]), monthNumber(m[3]), parseFrenchNumber(m[2])),
  ],
  [
    // Le douze octobre deux mil douze à 20 heures
    re(String.raw`\ble\s+([\p{L}-]+|\d{1,2})\s+${MONTH}\s+((?:deux\s+)?mil(?:le)?(?:\s+[\p{L}-]+){0,3}?)(?=\s*(?:,|à|a\s|\d))`),
    (m) => isoDate(parseFrenchNumber(m[3]), monthNumber(m[2]), parseFrenchNumber(m[1])),
  ],
];
/** A date in a sentence about an earlier session ("approbation du compte rendu de la séance du …"). */
const EARLIER_SESSION = /approbation|pr[ée]c[ée]dente|derni[èe]re?|\bvu\b|lors\s+de/iu;

/** The first date the document gives for its session (its heading comes before any mention of earlier ones). */
function sessionDate(text: string): string | undefined {
  let best: { at: number; date: string } | undefined;
  for (const [pattern, read] of SESSION_DATES) {
    for (const m of text.matchAll(pattern)) {
      if (best && m.index >= best.at) break;
      const sentence = text.slice(Math.max(0, m.index - 80), m.index).split(/[.\n]/).pop()!;
      if (EARLIER_SESSION.test(sentence)) continue;
      const date = read(m);
      if (date) {
        best = { at: m.index, date };
        break;
      }
    }
  }
  return best?.date;
}

const MEMBER_PATTERNS: Record<keyof DeliberationMembers, RegExp[]> = {
  inOffice: [re(String.raw`en\s+exercices?\s*:?\s*${COUNT}\b`), re(String.raw`\b${COUNT}${SP}(?:conseillers|membres|[ée]lus|d[ée]l[ée]gu[ée]s)\s+en\s+exercice`)],
  // not "N membres présents": "les deux membres présents les plus jeunes" is no count
  present: [re(String.raw`(?<!\p{L})pr[ée]sent(?:es|s|\(e\)s|\(e?s\))\s*:?\s*(\d{1,3})\b(?!\s*(?:h\b|heures?\b|[/.:]\d))`)],
  represented: [re(String.raw`(?<!\p{L})(?:repr[ée]sent[ée]s|pouvoirs|procurations)\s*:?\s*(\d{1,3})\b(?!\s*(?:h\b|heures?\b|[/.:]\d))`)],
  voting: [
    re(String.raw`votants\s*:?\s*${COUNT}\b`),
    re(String.raw`\b${COUNT}${SP}votants`),
    re(String.raw`pris\s+part\s+(?:au\s+vote|[àa]\s+la\s+d[ée]lib[ée]ration)\s*:?\s*${COUNT}\b`),
  ],
};
/** When a deliberation gives no number in office, the number of seats is the closest figure. */
const SEATS = re(String.raw`aff[ée]rents?\s+au\s+conseil(?:\s+municipal)?\s*:?\s*${COUNT}\b`);

const MEMBER_LABELS: Record<keyof DeliberationMembers, string> = {
  inOffice: 'members in office',
  present: 'members present',
  represented: 'members represented',
  voting: 'voters',
};

/** A count stated once, or several times alike; undefined (with a note) when the document disagrees with itself. */
function statedCount(text: string, patterns: RegExp[], label: string, notes: string[]): number | undefined {
  const values = new Set<number>();
  for (const pattern of patterns) {
    for (const m of text.matchAll(pattern)) {
      const n = parseFrenchNumber(m[1]);
      if (n !== undefined) values.add(n);
    }
  }
  if (values.size > 1) notes.push(`${label}: different numbers (${[...values].join(', ')}), left out`);
  return values.size === 1 ? [...values][0] : undefined;
}

function members(text: string, notes: string[]): DeliberationMembers {
  const out: DeliberationMembers = {};
  for (const key of Object.keys(MEMBER_PATTERNS) as (keyof DeliberationMembers)[]) {
    const n = statedCount(text, MEMBER_PATTERNS[key], MEMBER_LABELS[key], notes);
    if (n !== undefined) out[key] = n;
  }
  if (out.inOffice === undefined) {
    const seats = statedCount(text, [SEATS], 'seats', notes);
    if (seats !== undefined) {
      out.inOffice = seats;
      notes.push('members in office taken from the number of seats (afférents)');
    }
  }
  if (out.voting === undefined && out.present !== undefined && out.represented !== undefined) {
    out.voting = out.present + out.represented;
    notes.push('voters = present + represented');
  }
  return out;
}

type Side = 'pour' | 'contre' | 'abstention';
interface VoteClaim {
  at: number;
  end: number;
  pour?: number;
  contre?: number;
  abstention?: number;
  unanimous?: boolean;
  majority?: boolean;
}
interface Hit {
  at: number;
  end: number;
  side?: Side;
  count?: number;
  unanimous?: boolean;
  majority?: boolean;
}

/** "15 pour, 2 contre" but not "avenant n° 4 pour un montant". */
const SIDE_END = String.raw`(?=\s*(?:[,;.()]|et\s|\n|$))`;
const SIDE_PATTERNS: [Side, RegExp][] = [
  ['pour', re(String.raw`(?<!n°\s?|:\s*)\b${COUNT}${SP}(?:voix\s+pour\b|pour${SIDE_END})`)],
  ['pour', re(String.raw`\bpour\s*:\s*${COUNT}\b`)],
  ['pour', re(String.raw`\bPOUR[^\S\n]+(\d{1,3})\b`, 'gu')],
  ['contre', re(String.raw`(?<!n°\s?|:\s*)\b${COUNT}${SP}(?:voix\s+contre\b|contre${SIDE_END})`)],
  ['contre', re(String.raw`\bcontre\s*:\s*${COUNT}\b`)],
  ['contre', re(String.raw`\bCONTRE[^\S\n]+(\d{1,3})\b`, 'gu')],
  ['abstention', re(String.raw`(?<!:\s*)\b${COUNT}${SP}abstentions?\b`)],
  ['abstention', re(String.raw`\babstentions?(?:\s*\(s\))?\s*:\s*${COUNT}\b`)],
  ['abstention', re(String.raw`\bABSTENTIONS?(?:\(S\))?[^\S\n]+(\d{1,3})\b`, 'gu')],
];
const UNANIMITY = re(String.raw`unanimit[ée]`);
/** "à la majorité", but not the quorum formula "la majorité des membres en exercice". */
const MAJORITY = re(String.raw`(?<!\p{L})[àa]\s+la\s+majorit[ée](?!\s+des\s+membres)`);
/** Votes of a commission or a bureau are opinions, not the council's decision. */
const OPINION = /commission|bureau|avis/iu;
/** Hits closer than this belong to one vote statement. */
const STATEMENT_GAP = 250;
const TABLE_HEADER = /^(?:(?:votants|pour|contre|abstentions?(?:\(s\))?|exprim[ée]s|suffrages\s+exprim[ée]s)[\s|:;]*){2,}$/iu;

const sentenceAround = (text: string, at: number) => {
  const start = Math.max(text.lastIndexOf('.', at), text.lastIndexOf('\n', at)) + 1;
  const ends = [text.indexOf('.', at), text.indexOf('\n', at)].filter((i) => i >= 0);
  return text.slice(start, ends.length ? Math.min(...ends) : text.length);
};

/** "Pour Contre Abstention" on one line, the counts under it. */
function tableHits(text: string): Hit[] {
  const hits: Hit[] = [];
  const lines = text.split('\n');
  let offset = 0;
  lines.forEach((line, i) => {
    const at = offset;
    offset += line.length + 1;
    if (!TABLE_HEADER.test(line.trim())) return;
    const labels = [...line.matchAll(/votants|pour|contre|abstention|exprim/giu)].map((m) => m[0].toLowerCase());
    const counts = (lines[i + 1] ?? '').trim().split(/[\s|:;]+/);
    if (counts.length !== labels.length || !counts.every((c) => /^\d{1,3}$/.test(c))) return;
    labels.forEach((label, k) => {
      const side = (['pour', 'contre', 'abstention'] as const).find((s) => s === label);
      if (side) hits.push({ at, end: offset + (lines[i + 1]?.length ?? 0), side, count: Number(counts[k]) });
    });
  });
  return hits;
}

function voteHits(text: string): Hit[] {
  const hits: Hit[] = tableHits(text);
  for (const [side, pattern] of SIDE_PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const count = parseFrenchNumber(m[1]);
      if (count !== undefined) hits.push({ at: m.index, end: m.index + m[0].length, side, count });
    }
  }
  for (const m of text.matchAll(UNANIMITY)) {
    if (!OPINION.test(sentenceAround(text, m.index))) hits.push({ at: m.index, end: m.index + m[0].length, unanimous: true });
  }
  for (const m of text.matchAll(MAJORITY)) hits.push({ at: m.index, end: m.index + m[0].length, majority: true });
  return hits.sort((a, b) => a.at - b.at);
}

/** Hits close to each other make one claim; a side seen twice starts a new one. */
function voteClaims(text: string): VoteClaim[] {
  const claims: VoteClaim[] = [];
  let claim: VoteClaim | undefined;
  for (const hit of voteHits(text)) {
    const repeats = hit.side !== undefined && claim?.[hit.side] !== undefined;
    if (!claim || hit.at - claim.end > STATEMENT_GAP || repeats) {
      claim = { at: hit.at, end: hit.end };
      claims.push(claim);
    }
    claim.end = Math.max(claim.end, hit.end);
    if (hit.side) claim[hit.side] = hit.count;
    if (hit.unanimous) claim.unanimous = true;
    if (hit.majority) claim.majority = true;
  }
  return claims;
}

type Counts = Pick<DeliberationVotes, 'pour' | 'contre' | 'abstention'>;
const sameCounts = (a: Counts, b: Counts) => a.pour === b.pour && a.contre === b.contre && a.abstention === b.abstention;

/** Full counts when the claim gives them, or when unanimity and the number of voters do. */
function claimCounts(claim: VoteClaim, voting: number | undefined): Counts | undefined {
  if (claim.pour !== undefined) return { pour: claim.pour, contre: claim.contre ?? 0, abstention: claim.abstention ?? 0 };
  if (claim.unanimous && voting !== undefined && !claim.contre) {
    const abstention = claim.abstention ?? 0;
    return { pour: voting - abstention, contre: 0, abstention };
  }
  return undefined;
}

/** Whether a claim without full counts agrees with the result. */
function agrees(claim: VoteClaim, counts: Counts): boolean {
  if (claim.contre !== undefined && claim.contre !== counts.contre) return false;
  if (claim.abstention !== undefined && claim.abstention !== counts.abstention) return false;
  return !claim.unanimous || counts.contre === 0;
}

function votes(text: string, m: DeliberationMembers, notes: string[]): DeliberationVotes | undefined {
  const claims = voteClaims(text);
  if (!claims.length) {
    notes.push('no vote result found');
    return undefined;
  }
  const results: Counts[] = [];
  for (const claim of claims) {
    const counts = claimCounts(claim, m.voting);
    if (counts && !results.some((r) => sameCounts(r, counts))) results.push(counts);
  }
  if (results.length > 1) {
    notes.push(`${results.length} different vote results found, votes left out`);
    return undefined;
  }
  const [result] = results;
  if (!result) {
    if (claims.some((c) => c.unanimous)) notes.push('unanimity, but the number of voters is unknown');
    else if (claims.some((c) => c.contre !== undefined || c.abstention !== undefined)) notes.push('vote counts without the number for');
    else notes.push('adopted by a majority, counts not given');
    return undefined;
  }
  if (!claims.every((c) => claimCounts(c, m.voting) || agrees(c, result))) {
    notes.push('vote statements disagree, votes left out');
    return undefined;
  }
  const reel = result.pour + result.contre + result.abstention;
  if (m.voting !== undefined && m.voting !== reel) {
    notes.push(`pour + contre + abstention = ${reel}, not the ${m.voting} voters; votes left out`);
    return undefined;
  }
  if (m.inOffice === undefined) {
    notes.push('members in office not found, votes left out');
    return undefined;
  }
  if (m.inOffice < reel) {
    notes.push(`${m.inOffice} members in office for ${reel} votes, votes left out`);
    return undefined;
  }
  return { effectif: m.inOffice, reel, ...result };
}

/**
 * What the text of a deliberation says about its session: date, members in
 * office, present, represented and voting, the vote, and the officials named.
 * Votes are filled only when they are coherent (reel = pour + contre +
 * abstention, effectif ≥ reel); otherwise `voteNotes` says why not.
 */
export function extractDeliberationFacts(text: string): DeliberationFacts {
  const voteNotes: string[] = [];
  const m = members(text, voteNotes);
  const facts: DeliberationFacts = { members: m, voteNotes, roster: extractRoster(text) };
  const date = sessionDate(text);
  if (date) facts.sessionDate = date;
  const v = votes(text, m, voteNotes);
  if (v) facts.votes = v;
  return facts;
}
