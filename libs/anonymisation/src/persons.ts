import { NOT_NAMES, isGivenName } from './gazetteer';
import { nameParts, readName, type NameParts, type NameSource } from './name-phrases';
import { MentionReader, type Mention } from './mentions';
import { inPersonnelMatter, namesOwnBusinessAfter, organisationBefore, privateCue, roleCue } from './person-context';
import { linkPersons, type Person } from './person-linking';
import type { Span } from './spans';
import { foldAligned } from './text';
import { tokenize } from './tokens';

/** How far after a name a contact detail or civil-status datum still belongs to that person. */
const CONTACT_REACH = 150;
const CONTACT_LABELS = new Set(['ADDRESS', 'PHONE', 'EMAIL', 'IBAN', 'BIRTHDATE', 'NIR']);

/** Marks mentions followed by a contact detail or civil-status datum (address, phone, birth date…). */
function markContactDetails(text: string, mentions: readonly Mention[], others: readonly Span[]): void {
  const contacts = others.filter((s) => s.action === 'redact' && CONTACT_LABELS.has(s.label)).sort((a, b) => a.start - b.start);
  const household = (a: Mention, b: Mention): boolean => /^\s*(?:et|&)\s*$/.test(text.slice(a.end, b.cueStart));
  // Index of the first mention after k that is not of k's household.
  const nextOther = new Array<number>(mentions.length + 1).fill(mentions.length);
  for (let k = mentions.length - 2; k >= 0; k--) {
    nextOther[k] = household(mentions[k] as Mention, mentions[k + 1] as Mention) ? (nextOther[k + 1] ?? mentions.length) : k + 1;
  }
  let c = 0;
  mentions.forEach((m, k) => {
    const n = nextOther[k] ?? mentions.length;
    const limit = Math.min(m.end + CONTACT_REACH, mentions[n]?.cueStart ?? Infinity);
    while (c < contacts.length && (contacts[c]?.start ?? 0) < m.end) c++;
    const contact = contacts[c];
    if (contact && contact.start < limit && !/[.!?](?:\s|$)/.test(text.slice(m.end, contact.start))) m.privacy = 'strong';
  });
  // "M. X et Mme Y, 3 rue…": a household shares what is said of either.
  for (let k = 1; k < mentions.length; k++) {
    const a = mentions[k - 1];
    const b = mentions[k];
    if (a && b && household(a, b) && (a.privacy === 'strong' || b.privacy === 'strong')) a.privacy = b.privacy = 'strong';
  }
}

function readContext(folded: string, m: Mention): void {
  if (m.source !== 'civility' && m.source !== 'occulted') {
    const organisation = organisationBefore(folded, m.start);
    if (organisation === 'place') {
      m.role = 'place';
      return;
    }
    if (organisation === 'business') m.role = 'professional';
  }
  m.role ??= roleCue(folded, m.cueStart, m.end);
  if (!m.role && namesOwnBusinessAfter(folded, m.end, m.surnames)) m.role = 'professional';
  m.privacy = privateCue(folded, m.cueStart, m.end) ?? m.privacy;
  if (m.role !== 'elected' && m.role !== 'professional' && inPersonnelMatter(folded, m.cueStart, m.end)) {
    m.personnelMatter = true;
    m.privacy = 'strong';
  }
  if (m.gender === 'couple') m.privacy ??= 'weak';
}

function decide(m: Mention): void {
  const keeps = (p: Person): boolean => p.official;
  const single = m.candidates.length === 1 ? m.candidates[0] : undefined;
  if (m.role === 'place') {
    m.action = 'keep';
    m.confidence = 0.6;
  } else if (m.privacy === 'strong') {
    m.action = 'redact';
    m.confidence = 0.95;
  } else if (m.candidates.length > 1) {
    const allKept = m.candidates.every(keeps);
    m.action = allKept ? 'keep' : 'redact';
    m.confidence = allKept ? 0.7 : 0.5;
    if (!allKept) m.reviewReason = 'a surname is shared by an official and another person';
  } else if (single && keeps(single)) {
    m.action = 'keep';
    m.confidence = m.role ? 0.9 : 0.8;
  } else if (single?.privateParty) {
    m.action = 'redact';
    m.confidence = 0.9;
  } else {
    // No cue tells who this is: hide the name and let a person check.
    m.action = 'redact';
    m.confidence = m.source === 'weak' ? 0.4 : 0.5;
    m.reviewReason = 'a person is named whose role could not be resolved';
  }
}

/**
 * Later occurrences of a redacted person's surname without a cue ("Dupont" after
 * "M. Jean DUPONT" was found private), with their given name next to them if it is written.
 */
function propagate(src: NameSource, folded: string, mentions: Mention[], persons: readonly Person[]): void {
  const { tokens, text, blocked } = src;
  const covered = new Array<boolean>(tokens.length).fill(false);
  for (const m of mentions) for (let k = m.first; k <= m.last; k++) covered[k] = true;
  const bySurname = new Map<string, Person[]>();
  for (const p of persons) {
    for (const s of p.surnames) {
      const list = bySurname.get(s);
      if (list) list.push(p);
      else bySurname.set(s, [p]);
    }
  }
  const redactedOnly = new Set(persons.filter((p) => p.mentions.some((m) => m.action === 'redact') && !p.mentions.some((m) => m.action === 'keep')));
  const redacted = (p: Person): boolean => redactedOnly.has(p);
  tokens.forEach((t, k) => {
    if (covered[k] || blocked[k] || (t.shape !== 'upper' && t.shape !== 'title') || t.key.length < 3 || NOT_NAMES.has(t.key)) return;
    if (t.shape === 'title' && isGivenName(t.key)) return;
    const named = bySurname.get(t.key) ?? [];
    const hidden = named.filter(redacted);
    if (hidden.length === 0 || organisationBefore(folded, t.start) === 'place') return;
    let first = k;
    let last = k;
    const isGiven = (j: number): boolean => {
      const n = tokens[j];
      return !!n && !covered[j] && hidden.some((p) => p.given.includes(n.key)) && /^[ \t\u00a0]+$/.test(text.slice(Math.min(n.end, t.end), Math.max(n.start, t.start)));
    };
    if (isGiven(k - 1)) first = k - 1;
    if (isGiven(k + 1)) last = k + 1;
    const ambiguous = hidden.length < named.length;
    const mention: Mention = {
      given: [], surnames: [t.key], initials: [], start: tokens[first]?.start ?? t.start, end: tokens[last]?.end ?? t.end, first, last, cueStart: t.start,
      source: 'propagated', candidates: hidden, action: 'redact', confidence: ambiguous ? 0.5 : 0.8,
      reviewReason: ambiguous ? 'a surname is shared by an official and another person' : undefined,
    };
    mentions.push(mention);
    for (let j = first; j <= last; j++) covered[j] = true;
  });
}

/** Parses the tenant's list of elected officials into names. */
function officialNames(officials: readonly string[]): NameParts[] {
  return officials.flatMap((name) => {
    const tokens = tokenize(name);
    const phrase = readName({ text: name, tokens, blocked: [] }, 0);
    return phrase ? [nameParts(tokens, phrase)] : [];
  });
}

/**
 * Person names in `text` with what to do with each: officials acting as such (rosters,
 * functions, signature blocks, the tenant's `officials`), professionals and names of places are
 * kept; private parties are redacted, every mention of one person sharing one entity id.
 * `others` are the spans already found (addresses, phones…): their tokens are not names, and
 * a contact detail right after a name makes that person a private party.
 */
export function detectPersons(text: string, others: readonly Span[], officials: readonly string[] = [], folded = foldAligned(text)): Span[] {
  const tokens = tokenize(text, folded);
  const blocked = tokens.map(() => false);
  const sorted = [...others].sort((a, b) => a.start - b.start);
  let s = 0;
  tokens.forEach((t, k) => {
    while (s < sorted.length && (sorted[s]?.end ?? 0) <= t.start) s++;
    const span = sorted[s];
    blocked[k] = !!span && span.start < t.end;
  });
  const src: NameSource = { text, tokens, blocked };
  const mentions = new MentionReader(src).read();
  for (const m of mentions) readContext(folded, m);
  markContactDetails(text, mentions, others);
  const persons = linkPersons(mentions, officialNames(officials));
  for (const m of mentions) decide(m);
  propagate(src, folded, mentions, persons);
  return mentions
    .filter((m): m is Mention & { action: 'redact' | 'keep' } => m.action !== undefined)
    .map((m) => ({
      start: m.start,
      end: m.end,
      label: 'PERSON' as const,
      action: m.action,
      confidence: m.confidence,
      entity: m.candidates.length === 1 && m.candidates[0] ? `person-${m.candidates[0].id}` : undefined,
      reviewReason: m.reviewReason,
    }));
}
