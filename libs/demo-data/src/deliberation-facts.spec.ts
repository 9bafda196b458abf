import { buildDeliberationRow, extractDeliberationFacts } from '@openactes/domain';
import { normaliseDocumentText } from '@openactes/formats';
import { generateDeliberations } from './deliberations';

// The generator knows the true vote of every act: facts read from the text
// (as the PDF text extractor returns it, one string per page) must find it.
describe(extractDeliberationFacts.name, () => {
  const acts = generateDeliberations({ seed: 2026, count: 200 });

  it('recovers the vote and the session date of 200 generated deliberations', () => {
    const misses = acts.flatMap((act) => {
      const { text } = normaliseDocumentText(act.pages.map((lines) => lines.join('\n')));
      const facts = extractDeliberationFacts(text);
      const same = JSON.stringify(facts.votes) === JSON.stringify(act.votes) && facts.sessionDate === act.date;
      return same ? [] : [{ numeroInterne: act.numeroInterne, expected: act.votes, found: facts.votes, notes: facts.voteNotes }];
    });
    expect(misses).toEqual([]);
    expect(acts.some((a) => a.votes.contre > 0) && acts.some((a) => a.votes.pour === a.votes.reel)).toBe(true);
  });

  it('gives votes that pass the SCDL checks, and names the mayor and the secretary', () => {
    const [act] = acts;
    const facts = extractDeliberationFacts(normaliseDocumentText(act.pages.map((lines) => lines.join('\n'))).text);
    const { row, warnings } = buildDeliberationRow({
      collectivityName: act.collectivity.name,
      collectivitySiret: act.collectivity.siret,
      numeroInterne: act.numeroInterne,
      decisionDate: act.date,
      matieres: act.matieres,
      objet: act.objet,
      votes: facts.votes,
    });
    expect(warnings).toEqual([]);
    expect(row.VOTE_REEL).toBe(String(act.votes.reel));
    expect(facts.roster.map((e) => e.role).sort()).toEqual(['maire', 'secretaire']);
  });
});
