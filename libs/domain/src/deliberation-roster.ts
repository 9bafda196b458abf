export type OfficialRole = 'maire' | 'president' | 'adjoint' | 'secretaire' | 'conseiller';
export type Attendance = 'present' | 'represented' | 'absent';

export interface RosterEntry {
  /** as written, without civility: "Michel LEBLANC", "DEMARTY Daniel" */
  name: string;
  /** `secretaire` is the secrétaire de séance; `conseiller` when nothing more is said */
  role: OfficialRole;
  attendance?: Attendance;
  /** who holds the proxy (pouvoir) of a represented member */
  proxyHolder?: string;
}

/** The stronger role wins when one person is named several times. */
const ROLE_RANK: Record<OfficialRole, number> = { maire: 4, president: 4, adjoint: 3, secretaire: 2, conseiller: 1 };

/** Lowercase without accents, for comparing words and names. */
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’]/g, "'");

const words = (list: string) => new Set(list.split(' '));
const CIVILITIES = words('m mme mmes mlle mlles monsieur madame mesdames messieurs mm mr mrs');
const PARTICLES = words("de du des le la d' van von der den di da del dos el");
const ROLE_WORDS: Record<string, OfficialRole> = {
  maire: 'maire', adjoint: 'adjoint', adjointe: 'adjoint', adjoints: 'adjoint', adjointes: 'adjoint',
  president: 'president', presidente: 'president', secretaire: 'secretaire',
  conseiller: 'conseiller', conseillere: 'conseiller', conseillers: 'conseiller', conseilleres: 'conseiller',
};
/** Capitalised words of roster blocks that are not names. */
const NOT_NAMES = words(
  'presents present presente presentes absent absents absente absentes excuse excuses excusee excusees etaient ' +
    'titulaires titulaire suppleants suppleant membres membre conseil municipal municipaux municipale communautaire ' +
    'commune mairie seance vote votes pour contre abstention abstentions question ordre jour objet deliberation ' +
    'deliberations approbation compte rendu proces verbal vu considerant decide article annexe nombre date formant ' +
    'majorite quorum invites invite arrivee depart et ou il elle les par sur avec sans procuration procurations ' +
    'pouvoir pouvoirs secretariat delegues delegue vice election elections janvier fevrier mars avril mai juin ' +
    'juillet aout septembre octobre novembre decembre',
);
/** Words that may sit between names of a roster without ending it. */
const ROSTER_FILLERS = words("et excuse excusee excuses excusees arrive arrivee arrives ayant donne donnee pouvoir pouvoirs procuration procurations avec a jusqu'a partir quitte h heures 1er er eme e");
const PROXY_WORDS = words('a pouvoir pouvoirs procuration procurations donne donnee');
/** More ordinary words than this between two names end a roster block. */
const MAX_FILLER_WORDS = 4;
const MAX_BLOCK_CHARS = 3000;

type TokenKind = 'upper' | 'title' | 'initial' | 'particle' | 'civility' | 'role' | 'word' | 'number' | 'punct' | 'break';
interface Token {
  text: string;
  start: number;
  kind: TokenKind;
  role?: OfficialRole;
}

const TOKEN = /\p{L}[\p{L}\p{M}'’.-]*\p{L}|\p{L}\.?|\d+\p{L}*|\n[^\S\n]*\n|[^\s\p{L}\d]/gu;

function classify(text: string): Pick<Token, 'kind' | 'role'> {
  if (/^\n/.test(text)) return { kind: 'break' };
  if (/^\d/.test(text)) return { kind: 'number' };
  if (!/^\p{L}/u.test(text)) return { kind: 'punct' };
  const folded = fold(text).replace(/\.$/, '');
  if (CIVILITIES.has(folded)) return { kind: 'civility' };
  if (folded in ROLE_WORDS) return { kind: 'role', role: ROLE_WORDS[folded] };
  if (PARTICLES.has(folded)) return { kind: 'particle' };
  if (NOT_NAMES.has(folded)) return { kind: 'word' };
  if (/^\p{Lu}\.?$/u.test(text)) return { kind: 'initial' };
  if (/^(?:\p{Lu}\.)*\p{Lu}[\p{Lu}\p{M}'’-]*\p{Lu}$/u.test(text)) return { kind: 'upper' };
  if (/^\p{Lu}[\p{Ll}\p{M}'’]+(?:-?\p{Lu}[\p{Ll}\p{M}'’]*|-\p{Ll}+)*$/u.test(text)) return { kind: 'title' }; // Jean-Marc, PierreLouis
  return { kind: 'word' };
}

/** Lazily: a list usually ends long before its block does. */
function* tokenise(text: string): Generator<Token> {
  for (const m of text.matchAll(TOKEN)) yield { text: m[0], start: m.index, ...classify(m[0]) };
}

const NAME_PART: ReadonlySet<TokenKind> = new Set(['upper', 'title', 'initial', 'particle']);

/**
 * Names in a run of name-like tokens: "Prénom NOM", "NOM Prénom", "Prénom Nom"
 * (two capitalised words at least when no word is in capitals). "Armel ESTEVE
 * Renzo SULLI" is two names.
 */
function namesInRun(run: Token[]): Token[][] {
  const names: Token[][] = [];
  let i = 0;
  const take = (kinds: TokenKind[]) => {
    const from = i;
    while (i < run.length && kinds.includes(run[i].kind)) i++;
    return run.slice(from, i);
  };
  while (i < run.length) {
    if (/^\p{Lu}{1,2}\./u.test(run[i].text)) {
      names.push([run[i++]]); // P.GOURLIN J.HAPPE
      continue;
    }
    while (i < run.length && run[i].kind === 'particle' && /^\p{Ll}/u.test(run[i].text)) i++;
    const from = i;
    const given = run[i]?.kind === 'title' || run[i]?.kind === 'initial' ? take(['title', 'initial', 'particle']) : [];
    const surname = take(['upper', 'particle']); // DA SILVA, LE RHUN
    const after = surname.length && !given.length ? take(['title', 'particle']) : [];
    let name = [...given, ...surname, ...after];
    while (name.length && name[name.length - 1].kind === 'particle') name = name.slice(0, -1);
    const hasUpper = name.some((t) => t.kind === 'upper');
    const titles = name.filter((t) => t.kind === 'title').length;
    if (hasUpper || titles >= 2) names.push(name);
    if (i === from) i++;
  }
  return names;
}

interface Mention {
  name: string;
  start: number;
  /** the role word written just after the name ("Daniel CHEVALIER, Maire") */
  role?: OfficialRole;
  /** what lies between the previous mention and this one */
  gap: { proxy: boolean; parenthesis: boolean };
}

/** A full stop at the end of a line ends a list ("…, Ronan TANGUY."), unless it ends an initial ("M.") or the next line is an item. */
const endsLine = (text: string, token: Token) => /^\.[^\S\n]*(?:\n|$)/.test(text.slice(token.start));

const nameText = (tokens: Token[]) => tokens.map((t) => t.text).join(' ');

/** Names listed from the start of `text`, up to the first stretch of ordinary prose. */
function listedNames(text: string, offset: number, max = Infinity): Mention[] {
  const mentions: Mention[] = [];
  let run: Token[] = [];
  let gap = { proxy: false, parenthesis: false };
  let fillers = 0;
  let roleOpen = false;
  const flush = () => {
    const names = namesInRun(run);
    if (!names.length) fillers += run.filter((t) => t.text.length >= 3).length;
    for (const name of names) {
      mentions.push({ name: nameText(name), start: offset + name[0].start, gap });
      gap = { proxy: false, parenthesis: false };
      fillers = 0;
      roleOpen = true;
    }
    run = [];
  };
  let blankLine = false;
  let previous: Token | undefined;
  for (const token of tokenise(text)) {
    // A blank line ends the list, unless the next line goes on with a name.
    if (blankLine && token.kind !== 'break') {
      if (!NAME_PART.has(token.kind) && token.kind !== 'civility' && token.kind !== 'punct') break;
      blankLine = false;
    }
    if (NAME_PART.has(token.kind) && !(token.kind === 'particle' && !run.length && /^\p{Ll}/u.test(token.text))) {
      run.push(token);
      continue;
    }
    flush();
    if (mentions.length >= max && token.kind !== 'punct' && token.kind !== 'role') break;
    if (token.kind === 'break') blankLine = mentions.length > 0;
    else if (token.kind === 'role') {
      const last = mentions[mentions.length - 1];
      if (roleOpen && last && !last.role) last.role = token.role;
    } else if (token.kind === 'word' || token.kind === 'particle') {
      const folded = fold(token.text);
      if (PROXY_WORDS.has(folded)) gap.proxy = true;
      if (!ROSTER_FILLERS.has(folded) && token.text.length >= 3) {
        fillers++;
        roleOpen = false;
      }
      if (fillers > MAX_FILLER_WORDS) break;
    } else if (token.text === '(') gap.parenthesis = true;
    else if (token.text === '.' && mentions.length && endsLine(text, token) && !/^\p{L}$/u.test(previous?.text ?? '')) {
      if (!/^\.\s*[-–•▪*]/u.test(text.slice(token.start))) break;
    }
    previous = token;
  }
  flush();
  return mentions.slice(0, max);
}

interface Observation {
  name: string;
  at: number;
  role?: OfficialRole;
  attendance?: Attendance;
  proxyHolder?: string;
}

type BlockKind = Attendance | 'secretary' | 'other';
/** Plural and inclusive endings: présents, absente, excusé(e)s, absent(s). */
const ENDING = String.raw`(?:es|e|s|\(e\)s?|\(e?s\))?`;
const BLOCK_HEADERS: [BlockKind, string][] = [
  ['represented', String.raw`(?:absent|excus[ée])${ENDING}\s+(?:ayant\s+donn[ée]\s+(?:pouvoir|procuration)|avec\s+pouvoir|repr[ée]sent[ée]s?)(?:\s+[àa])?|pouvoirs?|procurations?`],
  ['absent', String.raw`(?:[ée]taient\s+)?(?:absent|excus[ée])${ENDING}(?:\s+(?:et\s+)?(?:absent${ENDING}\s+)?excus[ée]${ENDING})?`],
  ['present', String.raw`(?:(?:[ée]taient|membres)\s+)?pr[ée]sent${ENDING}`],
  ['secretary', String.raw`secr[ée]taires?(?:\s+de\s+s[ée]ance)?|secr[ée]tariat(?:\s+de\s+s[ée]ance)?`],
  ['other', String.raw`invit[ée]${ENDING}|ordre\s+du\s+jour`],
];
const BLOCK_HEADER = new RegExp(
  String.raw`(?<!\p{L})(?:` + BLOCK_HEADERS.map(([kind, re]) => `(?<${kind}>${re})`).join('|') + String.raw`)\s*:`,
  'giu',
);

/** "Présents : …", "Pouvoirs : …", "Absents excusés : …", "Secrétaire de séance : …" blocks. */
function blockObservations(text: string): Observation[] {
  const headers = [...text.matchAll(BLOCK_HEADER)];
  const out: Observation[] = [];
  headers.forEach((header, h) => {
    const from = header.index + header[0].length;
    const to = Math.min(headers[h + 1]?.index ?? text.length, from + MAX_BLOCK_CHARS);
    const kind = BLOCK_HEADERS.find(([k]) => header.groups?.[k] !== undefined)![0];
    if (kind === 'other') return;
    const max = kind === 'secretary' && !/s\s*:$/i.test(header[0].replace(/\s+de\s+s[ée]ance/i, '')) ? 1 : Infinity;
    const mentions = listedNames(text.slice(from, to), from, max);
    if (kind === 'secretary') {
      out.push(...mentions.map((m) => ({ name: m.name, at: m.start, role: 'secretaire' as const })));
      return;
    }
    let absentee: Observation | undefined;
    for (const m of mentions) {
      const holds = kind === 'represented' ? m.gap.proxy || m.gap.parenthesis : kind === 'absent' && m.gap.proxy;
      if (absentee && !absentee.proxyHolder && holds) {
        absentee.proxyHolder = m.name;
        absentee.attendance = 'represented';
        out.push({ name: m.name, at: m.start, role: m.role, attendance: 'present' });
        continue;
      }
      absentee = { name: m.name, at: m.start, role: m.role, attendance: kind };
      out.push(absentee);
    }
  });
  return out;
}

/** Who presides, who signs, who is named secretary in a sentence. */
function sentenceObservations(text: string): Observation[] {
  const out: Observation[] = [];
  for (const m of text.matchAll(/sous\s+l[àa]\s+pr[ée]sidence\s+de\s+/giu)) {
    const from = m.index + m[0].length;
    const window = text.slice(from, from + 120);
    const [mention] = listedNames(window, from, 1);
    const before = /^(?:son|sa|notre)\s+(maire|pr[ée]sidente?)\b/iu.exec(window)?.[1];
    const role = mention?.role ?? (before ? ROLE_WORDS[fold(before)] : undefined);
    if (mention && (role === 'maire' || role === 'president')) out.push({ name: mention.name, at: mention.start, role, attendance: 'present' });
  }
  for (const m of text.matchAll(/\b(?:Le|La)\s+(Maire|Pr[ée]sidente?)\s*,\s*/gu)) {
    const from = m.index + m[0].length;
    const [mention] = listedNames(text.slice(from, from + 80), from, 1);
    if (mention && mention.start - from < 20) out.push({ name: mention.name, at: mention.start, role: ROLE_WORDS[fold(m[1])] });
  }
  for (const m of text.matchAll(/\s(?:est|a\s+été)\s+(?:d[ée]sign[ée]e?|nomm[ée]e?|[ée]lue?)\s+(?:comme\s+|en\s+qualit[ée]\s+de\s+)?secr[ée]taire/giu)) {
    const from = Math.max(0, m.index - 80);
    const before = text.slice(from, m.index).split(/[.;:\n]/).pop()!;
    const mentions = listedNames(before, m.index - before.length);
    const last = mentions[mentions.length - 1];
    if (last) out.push({ name: last.name, at: last.start, role: 'secretaire' });
  }
  for (const m of text.matchAll(/d[ée]sign(?:er|e)\s+(.{3,80}?)\s+comme\s+secr[ée]taire/giu)) {
    const [mention] = listedNames(m[1], m.index + m[0].indexOf(m[1]), 1);
    if (mention) out.push({ name: mention.name, at: mention.start, role: 'secretaire' });
  }
  return out;
}

const nameTokens = (name: string) => fold(name).split(/[\s-]+/);

/**
 * The elected officials a deliberation names: who was present, represented
 * (and by whom) or absent, who presided, signed or was secrétaire de séance.
 * One entry per person: "Monsieur LEBLANC" is merged into "Michel LEBLANC".
 */
export function extractRoster(text: string): RosterEntry[] {
  const observations = [...blockObservations(text), ...sentenceObservations(text)].sort((a, b) => a.at - b.at);
  const entries: RosterEntry[] = [];
  /** The entry of the same person: same words, or the only one with more (or fewer) of them. */
  const find = (name: string) => {
    const parts = nameTokens(name);
    const same = entries.find((e) => nameTokens(e.name).join(' ') === parts.join(' '));
    if (same) return same;
    const fuller = entries.filter((e) => parts.every((p) => nameTokens(e.name).includes(p)));
    if (fuller.length === 1) return fuller[0];
    const shorter = entries.filter((e) => nameTokens(e.name).every((p) => parts.includes(p)));
    return shorter.length === 1 ? shorter[0] : undefined;
  };
  for (const o of observations) {
    let entry = find(o.name);
    if (!entry) {
      entry = { name: o.name, role: 'conseiller' };
      entries.push(entry);
    } else if (nameTokens(o.name).length > nameTokens(entry.name).length) entry.name = o.name;
    if (o.role && ROLE_RANK[o.role] > ROLE_RANK[entry.role]) entry.role = o.role;
    if (o.attendance && !entry.attendance) entry.attendance = o.attendance;
    if (o.proxyHolder && !entry.proxyHolder) entry.proxyHolder = o.proxyHolder;
  }
  for (const entry of entries) if (entry.proxyHolder) entry.proxyHolder = find(entry.proxyHolder)?.name ?? entry.proxyHolder;
  return entries;
}
