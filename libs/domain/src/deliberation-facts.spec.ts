import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractDeliberationFacts } from './deliberation-facts';

const SHARED = process.env.SHARED_DIR ?? path.resolve(__dirname, '../../../../shared');
const devCorpus = () =>
  fs
    .readFileSync(path.join(SHARED, 'corpus/anon-dev/dev.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { id: string; text: string });
const devText = (id: string) => devCorpus().find((d) => d.id === id)!.text;

const header = [
  'COMMUNE DE KERHERVÉ',
  'EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL',
  'Séance du conseil municipal du 12 mars 2026',
  'Nombre de conseillers en exercice : 19',
  'Présents : 15',
  'Votants : 18',
].join('\n');
const deliberation = (vote: string, head = header) => `${head}\nObjet : Travaux de voirie\nVu l’avis de la commission ;\nDÉCIDE\n${vote}\n`;

describe(extractDeliberationFacts.name, () => {
  it('reads the session date, the members and a unanimous vote', () => {
    const facts = extractDeliberationFacts(deliberation('Adopté à l’unanimité.'));
    expect(facts.sessionDate).toBe('2026-03-12');
    expect(facts.members).toEqual({ inOffice: 19, present: 15, voting: 18 });
    expect(facts.votes).toEqual({ effectif: 19, reel: 18, pour: 18, contre: 0, abstention: 0 });
    expect(facts.voteNotes).toEqual([]);
  });

  it.each([
    ['par 15 voix pour, 2 contre et 1 abstention', { pour: 15, contre: 2, abstention: 1 }],
    ['POUR : 15 CONTRE : 2 ABSTENTION(S) : 1', { pour: 15, contre: 2, abstention: 1 }],
    ['Vote :\n- Pour : 15, Mme A, M. B\n- Contre : 2, M. C, M. D\n- Abstention : 1 (Mme E)', { pour: 15, contre: 2, abstention: 1 }],
    ['Votants Pour Contre Abstentions\n18 16 0 2', { pour: 16, contre: 0, abstention: 2 }],
    ['POUR CONTRE ABSTENTION\n17 1 0', { pour: 17, contre: 1, abstention: 0 }],
    ['adopté à la majorité par seize voix pour et deux voix contre', { pour: 16, contre: 2, abstention: 0 }],
    ['à l’unanimité moins une abstention', { pour: 17, contre: 0, abstention: 1 }],
  ])('reads "%s"', (vote, counts) => {
    const facts = extractDeliberationFacts(deliberation(vote));
    expect(facts.votes).toEqual({ effectif: 19, reel: 18, ...counts });
  });

  it('takes the voters from present and represented members when the number of voters is not given', () => {
    const facts = extractDeliberationFacts(deliberation('Adopté à l’unanimité', 'En exercice : 19\nPrésents : 15\nPouvoirs : 2'));
    expect(facts.members).toEqual({ inOffice: 19, present: 15, represented: 2, voting: 17 });
    expect(facts.votes).toEqual({ effectif: 19, reel: 17, pour: 17, contre: 0, abstention: 0 });
    expect(facts.voteNotes).toEqual(['voters = present + represented']);
  });

  it.each([
    ['Adopté à la majorité.', header, 'adopted by a majority, counts not given'],
    ['Adopté à l’unanimité.', 'Nombre de conseillers en exercice : 19', 'unanimity, but the number of voters is unknown'],
    ['par 15 voix pour et 2 contre', header, 'pour + contre + abstention = 17, not the 18 voters; votes left out'],
    ['par 15 voix pour et 3 contre', 'Votants : 18', 'members in office not found, votes left out'],
    ['par 15 voix pour et 3 contre', 'En exercice : 15', '15 members in office for 18 votes, votes left out'],
    ['Adopté par 15 voix pour et 3 contre.\n\n'.padEnd(400, ' ') + '\nAdopté à l’unanimité.', header, '2 different vote results found, votes left out'],
    ['Abstentions : 2 (M. A et M. B)', header, 'vote counts without the number for'],
    ['Le conseil prend acte.', header, 'no vote result found'],
  ])('leaves out the votes of "%s" and says why', (vote, head, note) => {
    const facts = extractDeliberationFacts(deliberation(vote, head));
    expect(facts.votes).toBeUndefined();
    expect(facts.voteNotes).toContain(note);
  });

  it('does not take amounts, article numbers nor a commission’s opinion for votes', () => {
    const facts = extractDeliberationFacts(
      deliberation('- d’approuver l’avenant n° 4 pour un montant de 11 500 € HT.\nLa commission a émis un avis favorable à l’unanimité.\nAdopté par 16 voix pour et 2 abstentions'),
    );
    expect(facts.votes).toEqual({ effectif: 19, reel: 18, pour: 16, contre: 0, abstention: 2 });
  });

  it.each([
    ['EXTRAIT DU REGISTRE DES DELIBERATIONS\nSéance du 9 Juin 2023', '2023-06-09'],
    ['Conseil Municipal du JEUDI 29 AOUT 2019', '2019-08-29'],
    ['réunion du conseil du 26/09/2008 à 20 h', '2008-09-26'],
    ['DE MONCHY-LAGACHE – Mardi 29 Janvier 2013 à 20heures\nApprobation du compte rendu de la réunion de conseil du 21 novembre 2012.', '2013-01-29'],
    ['L’an deux mille vingt-cinq, le treize mars à dix-neuf heures trente', '2025-03-13'],
    ['L’an deux mille quinze, le 17 novembre à 20h30', '2015-11-17'],
    ['Le douze octobre deux mil douze à 20 heures, les membres', '2012-10-12'],
    ['Séance du 20 septembre', undefined],
    ['Séance du 31 février 2026', undefined],
  ])('reads the session date of "%s"', (text, date) => {
    expect(extractDeliberationFacts(text).sessionDate).toBe(date);
  });

  it('says when the document gives different numbers for the same count', () => {
    const facts = extractDeliberationFacts('- Présents : 21 jusqu’à 19 h 38\n- Présents : 20 à partir de 19 h 39');
    expect(facts.members.present).toBeUndefined();
    expect(facts.voteNotes).toContain('members present: different numbers (21, 20), left out');
  });

  it('reads real minutes: date, roster and the counts they give', () => {
    const aureil = extractDeliberationFacts(devText('aureil-2008-09-26'));
    expect(aureil.sessionDate).toBe('2008-09-26');
    expect(aureil.members).toEqual({ inOffice: 15, present: 15 });

    const pierrefonds = extractDeliberationFacts(devText('pf-2017-04-04'));
    expect(pierrefonds.sessionDate).toBe('2017-04-04');
    expect(pierrefonds.roster).toEqual(
      expect.arrayContaining([
        { name: 'Michèle BOURBIER', role: 'maire', attendance: 'present' },
        { name: 'Michel LEBLANC', role: 'secretaire', attendance: 'present' },
        { name: 'Guy FRIEDRICH', role: 'conseiller', attendance: 'represented', proxyHolder: 'Michel LEBLANC' },
        { name: 'Emmanuelle DANAN', role: 'conseiller', attendance: 'absent' },
      ]),
    );
    // Minutes of a whole session hold several votes: none is the deliberation's.
    expect(pierrefonds.votes).toBeUndefined();
  });
});
