import { decpRuleProblems } from './decp-checks';

const TODAY = '2026-06-07';
const rules = (record: unknown) => decpRuleProblems(record, TODAY).map((p) => `${p.rule} ${p.path}`);

describe(decpRuleProblems.name, () => {
  it('finds nothing wrong with a coherent record', () => {
    expect(
      rules({
        acheteur: { id: '21690123100011' },
        dateNotification: '2024-03-01',
        datePublicationDonnees: '2024-03-20',
        montant: 85000,
        origineUE: 0.5,
        origineFrance: 0.5,
        titulaires: [{ titulaire: { typeIdentifiant: 'TVA', id: 'FR12345678901' } }, { titulaire: { typeIdentifiant: 'SIRET', id: '35600000000048' } }],
        modifications: [{ modification: { id: 1 } }, { modification: { id: 2 } }],
      }),
    ).toEqual([]);
  });

  it('checks the SIRET of the buyer, the grantor and every holder typed SIRET, including La Poste', () => {
    expect(rules({ acheteur: { id: '12345678900023' } })).toEqual(['invalid-siret /acheteur/id']);
    expect(rules({ autoriteConcedante: { id: '21690123100012' } })).toEqual(['invalid-siret /autoriteConcedante/id']);
    expect(rules({ concessionnaires: [{ concessionnaire: { typeIdentifiant: 'SIRET', id: '214356' } }] })).toEqual(['invalid-siret /concessionnaires/0/concessionnaire/id']);
    expect(rules({ titulaires: [{ titulaire: { typeIdentifiant: 'SIRET', id: '35600000000010' } }] })).toEqual([]);
  });

  it('refuses dates before 1900 and after today, but a concession may start later', () => {
    expect(rules({ dateNotification: '0222-04-29', datePublicationDonnees: '5021-02-18', dateDebutExecution: '2027-01-01' })).toEqual([
      'date-before-1900 /dateNotification',
      'date-in-future /datePublicationDonnees',
    ]);
  });

  it('refuses data published before the event they describe, at every level', () => {
    expect(
      rules({
        dateSignature: '2024-04-02',
        datePublicationDonnees: '2024-04-01',
        modifications: [{ modification: { dateSignatureModification: '2024-05-02', datePublicationDonneesModification: '2024-05-01' } }],
        modificationsActesSousTraitance: [{ modificationActeSousTraitance: { dateNotificationModificationSousTraitance: '2024-06-02', datePublicationDonnees: '2024-06-01' } }],
      }),
    ).toEqual([
      'published-before-event /datePublicationDonnees',
      'published-before-event /modifications/0/modification/datePublicationDonneesModification',
      'published-before-event /modificationsActesSousTraitance/0/modificationActeSousTraitance/datePublicationDonnees',
    ]);
  });

  it('refuses implausible amounts, French shares above EU shares and repeated modification ids', () => {
    expect(
      rules({
        montant: 1e17,
        origineUE: 0.3,
        origineFrance: 0.7,
        modifications: [{ modification: { id: 1, valeurGlobale: 99_999_999_999 } }, { modification: { id: 1 } }],
      }),
    ).toEqual(['amount-implausible /montant', 'origine-france-above-ue /origineFrance', 'duplicate-modification-id /modifications/1/modification/id']);
  });
});
