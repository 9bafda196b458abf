import { buildDeliberationRow, sirenIsValid, siretIsValid } from '@openactes/domain';
import { DEMO_COLLECTIVITIES } from './collectivities';
import { generateDeliberations, voteLine } from './deliberations';

describe('DEMO_COLLECTIVITIES', () => {
  it('have valid SIREN and SIRET of the same SIREN, in Breton departments', () => {
    for (const c of DEMO_COLLECTIVITIES) {
      expect(sirenIsValid(c.siren)).toBe(true);
      expect(siretIsValid(c.siret)).toBe(true);
      expect(c.siret.startsWith(c.siren)).toBe(true);
      expect(['022', '029', '035', '056']).toContain(c.departement);
    }
    expect(new Set(DEMO_COLLECTIVITIES.map((c) => c.siren)).size).toBe(DEMO_COLLECTIVITIES.length);
  });
});

describe(generateDeliberations.name, () => {
  const acts = generateDeliberations({ seed: 42, count: 200 });

  it('is deterministic and a smaller count gives a prefix', () => {
    expect(generateDeliberations({ seed: 42, count: 200 })).toEqual(acts);
    expect(generateDeliberations({ seed: 42, count: 37 })).toEqual(acts.slice(0, 37));
    expect(generateDeliberations({ seed: 43, count: 200 })).not.toEqual(acts);
  });

  it('numbers acts uniquely per collectivity', () => {
    for (const { numeroInterne, date } of acts) {
      expect(numeroInterne).toMatch(/^[0-9A-Z_]{2,15}$/);
      expect(numeroInterne.slice(0, 4)).toBe(date.slice(0, 4));
    }
    const keys = acts.map((a) => `${a.collectivity.siren} ${a.numeroInterne}`);
    expect(new Set(keys).size).toBe(acts.length);
  });

  it('yields acts that make clean SCDL rows', () => {
    for (const a of acts) {
      const { warnings } = buildDeliberationRow({
        collectivityName: a.collectivity.name,
        collectivitySiret: a.collectivity.siret,
        numeroInterne: a.numeroInterne,
        decisionDate: a.date,
        matieres: a.matieres,
        objet: a.objet,
        votes: a.votes,
      });
      expect(warnings).toEqual([]);
    }
  });

  it('varies collectivities, matières and pages', () => {
    expect(new Set(acts.map((a) => a.collectivity.siren)).size).toBe(DEMO_COLLECTIVITIES.length);
    expect(new Set(acts.map((a) => a.matieres.join('.'))).size).toBeGreaterThan(12);
    expect(new Set(acts.map((a) => a.objet)).size).toBeGreaterThan(100);
    expect(new Set(acts.map((a) => a.pages.length))).toEqual(new Set([1, 2, 3]));
    expect(acts.some((a) => a.votes.contre + a.votes.abstention === 0)).toBe(true);
    expect(acts.some((a) => a.votes.contre + a.votes.abstention > 0)).toBe(true);
  });

  it('writes the usual parts of a délibération, in lines that fit a page', () => {
    for (const a of acts) {
      const text = a.pages.flat().join('\n');
      expect(text).toContain(a.collectivity.name.toUpperCase());
      expect(text).toMatch(/^Séance du conseil municipal du \d{1,2}(er)? [a-zéû]+ \d{4}$/m);
      expect(text).toContain(`Nombre de membres en exercice : ${a.votes.effectif}`);
      expect(text).toContain(`Nombre de votants : ${a.votes.reel}`);
      expect(text).toMatch(/^Secrétaire de séance : \S.+$/m);
      expect(text).toContain('\nDÉCIDE\n');
      expect(text).toContain(`\n${voteLine(a.votes)}\n`);
      expect(text).toMatch(/^Le Maire, \S.+$/m);
    }
    expect(Math.max(...acts.flatMap((a) => a.pages.map((p) => p.length)))).toBeLessThanOrEqual(48);
    expect(Math.max(...acts.flatMap((a) => a.pages.flat().map((l) => l.length)))).toBeLessThanOrEqual(90);
  });

  it('honours pagesPerAct and given collectivities', () => {
    const [one] = DEMO_COLLECTIVITIES;
    const long = generateDeliberations({ seed: 1, count: 12, pagesPerAct: 5, collectivities: [one] });
    expect(long.map((a) => a.pages.length)).toEqual(new Array(12).fill(5));
    expect(long.every((a) => a.collectivity === one)).toBe(true);
    expect(long.at(-1)!.pages[4].at(-1)).toMatch(/page 5\/5$/);
  });
});

describe(voteLine.name, () => {
  it('writes the vote as French minutes do', () => {
    const v = { effectif: 19, reel: 18 };
    expect(voteLine({ ...v, pour: 18, contre: 0, abstention: 0 })).toBe("Adopté à l'unanimité");
    expect(voteLine({ ...v, pour: 15, contre: 2, abstention: 1 })).toBe('Adopté par 15 voix pour, 2 contre et 1 abstention');
    expect(voteLine({ ...v, pour: 16, contre: 0, abstention: 2 })).toBe('Adopté par 16 voix pour et 2 abstentions');
    expect(voteLine({ ...v, pour: 17, contre: 1, abstention: 0 })).toBe('Adopté par 17 voix pour et 1 contre');
  });
});
