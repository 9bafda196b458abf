import type { NameParts } from './name-phrases';
import type { Gender, Mention } from './mentions';

/** One person of the document, with all the mentions linked to them. */
export interface Person extends NameParts {
  id: number;
  gender?: Gender;
  mentions: Mention[];
  /** Acting in a public or professional function (roster, role, tenant's list of officials). */
  official: boolean;
  /** Some mention has words that make the person a private party. */
  privateParty: boolean;
}

/** Bounds the work per mention on pathological input (thousands of persons with one surname). */
const MAX_NAMESAKES = 64;

function editDistanceAtMostOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** One surname written two ways: exactly, or with one letter off for long names (THUILLIER / THUILIER). */
function sameSurname(a: string, b: string): boolean {
  return a === b || (a.length >= 7 && b.length >= 7 && editDistanceAtMostOne(a, b));
}

function sameGender(a?: Gender, b?: Gender): boolean {
  return !a || !b || a === 'couple' || b === 'couple' || a === b;
}

function compatible(m: NameParts & { gender?: Gender }, p: NameParts & { gender?: Gender }): boolean {
  // "M. et Mme X" is a household, a private matter even when one of them holds office.
  if ((m.gender === 'couple') !== (p.gender === 'couple')) return false;
  if (!m.surnames.some((s) => p.surnames.some((t) => sameSurname(s, t)))) return false;
  if (!sameGender(m.gender, p.gender)) return false;
  if (m.given.length > 0 && p.given.length > 0) return m.given.some((g) => p.given.includes(g));
  if (m.initials.length > 0 && p.given.length > 0) return m.initials.some((c) => p.given.some((g) => g.startsWith(c)));
  if (m.given.length > 0 && p.initials.length > 0) return p.initials.some((c) => m.given.some((g) => g.startsWith(c)));
  return true;
}

/** The surname and, for long ones, its one-letter deletions: two surnames one edit apart share a key. */
function surnameKeys(surname: string): string[] {
  if (surname.length < 7) return [surname];
  const keys = [surname];
  for (let i = 0; i < surname.length; i++) keys.push(surname.slice(0, i) + surname.slice(i + 1));
  return keys;
}

/** Persons found by surname, in order of creation. */
class PersonIndex {
  readonly persons: Person[] = [];
  private readonly bySurname = new Map<string, Person[]>();

  add(person: Person): Person {
    this.persons.push(person);
    for (const s of person.surnames) {
      for (const key of surnameKeys(s)) {
        const list = this.bySurname.get(key);
        if (!list) this.bySurname.set(key, [person]);
        else if (!list.includes(person)) list.push(person);
      }
    }
    return person;
  }

  /** Compatible persons; a surname borne by more than MAX_NAMESAKES persons is searched among the first ones only. */
  compatibleWith(m: NameParts & { gender?: Gender }): Person[] {
    const found = new Set<Person>();
    for (const s of m.surnames) for (const key of surnameKeys(s)) for (const p of (this.bySurname.get(key) ?? []).slice(0, MAX_NAMESAKES)) found.add(p);
    return [...found].filter((p) => compatible(m, p)).sort((a, b) => a.id - b.id);
  }
}

/** Links mentions to persons: full names first, then surname-only mentions to every compatible person. */
export function linkPersons(mentions: readonly Mention[], officials: readonly NameParts[]): Person[] {
  const index = new PersonIndex();
  for (const parts of officials) index.add({ ...parts, id: index.persons.length, mentions: [], official: true, privateParty: false });
  const newPerson = (m: Mention): Person =>
    index.add({
      given: [...m.given],
      surnames: [...m.surnames],
      initials: [...m.initials],
      gender: m.gender,
      id: index.persons.length,
      mentions: [],
      official: false,
      privateParty: false,
    });
  const linkable = mentions.filter((m) => m.role !== 'place');
  for (const m of linkable.filter((x) => x.given.length > 0 || x.initials.length > 0)) {
    const p = index.compatibleWith(m).find((x) => x.given.length > 0 || x.initials.length > 0 || x.official) ?? newPerson(m);
    for (const g of m.given) if (!p.given.includes(g)) p.given.push(g);
    if (m.gender && m.gender !== 'couple' && p.gender !== 'couple') p.gender = p.gender && p.gender !== m.gender ? undefined : m.gender;
    m.candidates = [p];
  }
  for (const m of linkable.filter((x) => x.given.length === 0 && x.initials.length === 0)) {
    if (m.maidenNameOf) {
      m.candidates = [...m.maidenNameOf.candidates];
      continue;
    }
    const found = index.compatibleWith(m);
    m.candidates = found.length > 0 ? found : [newPerson(m)];
  }
  for (const m of linkable) if (m.candidates.length === 1) m.candidates[0]?.mentions.push(m);
  for (const p of index.persons) {
    const acting = p.mentions.some((x) => x.privacy !== 'strong' && x.role !== undefined && x.role !== 'place');
    p.official = (p.official || acting) && !p.mentions.some((x) => x.personnelMatter);
    p.privateParty = p.mentions.some((x) => x.privacy !== undefined);
  }
  return index.persons;
}

