import { detectJudgements } from './judgements';

describe(detectJudgements.name, () => {
  const surfaces = (text: string): string[] => detectJudgements(text).map((s) => text.slice(s.start, s.end));

  it('spans a reference from the word to its docket number or date, court included', () => {
    expect(surfaces('a été condamné par jugement du tribunal de police de Compiègne du 14 mai 2023 (n° 23/00871) à une amende')).toEqual([
      'jugement du tribunal de police de Compiègne du 14 mai 2023 (n° 23/00871)',
    ]);
    expect(surfaces("l'arrêt de la cour d'appel de Douai du 3 mai 2021 (RG n° 20/01234) est définitif")).toEqual([
      "arrêt de la cour d'appel de Douai du 3 mai 2021 (RG n° 20/01234)",
    ]);
    expect(surfaces("Par un arrêt n° 21NT01234 de la cour administrative d'appel de Nantes du 3 juin 2022, la cour")).toEqual([
      "arrêt n° 21NT01234 de la cour administrative d'appel de Nantes du 3 juin 2022",
    ]);
  });
  it('asks for review of every reference it spans', () => {
    expect(detectJudgements('jugement n° 1801462 du 18 mars 2020')[0]).toMatchObject({ label: 'JUDGEMENT', action: 'redact', reviewReason: expect.any(String) });
  });
  it('ignores decisions without a docket number and municipal orders', () => {
    expect(surfaces('contre le jugement du 22 janvier 2016 ; arrêté n° 2021-05 du maire')).toEqual([]);
  });
});
