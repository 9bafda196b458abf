import type { DecpRejection, DecpRepair } from './decp-types';
import { normaliseDecp } from './normalise-decp';
import { readDecp } from './read-decp';
import { readSample, readSampleWithRealSirets, TEST_TODAY } from './decp-samples.testing';

const normalise = (file: string) => normaliseDecp(readSample(file), { today: TEST_TODAY });
/** `rule path` of each entry, for one record (by the end of its id) or all. */
const entries = (list: (DecpRepair | DecpRejection)[], record = '') => list.filter((e) => e.recordId.endsWith(record)).map((e) => `${e.rule} ${e.path}`);
const countByRule = (list: { rule: string }[]) => list.reduce<Record<string, number>>((n, e) => ({ ...n, [e.rule]: (n[e.rule] ?? 0) + 1 }), {});

describe(normaliseDecp.name, () => {
  describe('official examples', () => {
    // Their placeholder identifiers typed SIRET are not SIRETs: the records are rejected for that, and only that.
    it.each([
      ['Marche.xml', ['/marches/marche/0', '/marches/marche/1'].map((r) => `${r} /actesSousTraitance/0/acteSousTraitance/sousTraitant/id 214356`)],
      ['Contrat-concession.xml', ['/marches/contrat-concession/0', '/marches/contrat-concession/1'].map((r) => `${r} /autoriteConcedante/id 12345678901234`)],
      ['Contrat-concession-modification.xml', ['/marches/contrat-concession/0', '/marches/contrat-concession/1'].map((r) => `${r} /autoriteConcedante/id 12345678901234`)],
      ['concessions.json', ['/marches/contrat-concession/0 /autoriteConcedante/id 12345678901250', '/marches/contrat-concession/1 /autoriteConcedante/id 12345678901234']],
      [
        'concessions_avec_modifications.json',
        ['/marches/contrat-concession/0 /autoriteConcedante/id 12345678901250', '/marches/contrat-concession/1 /autoriteConcedante/id 12345678901234'],
      ],
      [
        'marches_avec_modifications.json',
        [
          '/marches/marche/0 /acheteur/id 21750001630066',
          '/marches/marche/0 /actesSousTraitance/0/acteSousTraitance/sousTraitant/id 214356',
          '/marches/marche/0 /modifications/0/modification/titulaires/0/titulaire/id 868768687576575',
          '/marches/marche/1 /actesSousTraitance/0/acteSousTraitance/sousTraitant/id 214356',
          '/marches/marche/1 /modifications/0/modification/titulaires/0/titulaire/id 868768687576575',
        ],
      ],
    ])('rejects %s for its identifiers that are not SIRETs', (file, expected) => {
      const { records, repairs, rejections } = normalise(`official-examples/${file}`);
      expect(records).toEqual([]);
      expect(repairs).toEqual([]);
      expect(rejections.map((r) => r.rule)).toEqual(expected.map(() => 'invalid-siret'));
      expect(rejections.map((r) => `${r.recordId.replace(`${file}#`, '')} ${r.path} ${String(r.value)}`)).toEqual(expected);
    });

    it.each([
      ['Marche.xml', 2],
      ['Contrat-concession.xml', 2],
      ['Contrat-concession-modification.xml', 2],
      ['concessions.json', 2],
      ['concessions_avec_modifications.json', 2],
      ['marches_avec_modifications.json', 2],
      ['marches_concessions.json', 4],
    ])('keeps every record of %s as it is once its placeholders are real SIRETs', (file, count) => {
      const doc = readSampleWithRealSirets(`official-examples/${file}`);
      const { records, repairs, rejections } = normaliseDecp(doc, { today: TEST_TODAY });
      expect(rejections).toEqual([]);
      expect(repairs).toEqual([]);
      expect(records).toHaveLength(count);
      records.forEach((record, i) => expect(record.data).toEqual(doc.records[i].data));
    });
  });

  it("rejects the real buyer's file for its incomplete sub-contracting acts, after repairing the rest", () => {
    const { records, repairs, rejections } = normalise('real/decp-59920013600241-2024-07-09-01.json');
    expect(records).toEqual([]);
    const missing = ['dureeMois', 'dateNotification', 'datePublicationDonnees', 'montant', 'variationPrix'];
    for (const n of [0, 1, 2, 3, 4]) {
      expect(entries(rejections, `/marches/marche/${n}`)).toEqual(missing.map((key) => `required /actesSousTraitance/0/acteSousTraitance/${key}`));
      expect(entries(repairs, `/marches/marche/${n}`)).toEqual([
        'type-marker-dropped /_type',
        'text-whitespace /objet',
        'empty-list-dropped /modificationsActesSousTraitance',
        'empty-list-dropped /modifications',
      ]);
    }
    expect(repairs[1]).toMatchObject({ before: expect.stringContaining('(bât B)\nRelance'), after: expect.stringContaining('(bât B) Relance') });
  });

  it('keeps the one repairable record of the decp.info 2022-format fixture and says why the four others go', () => {
    const { records, repairs, rejections } = normalise('messy/decp-processing-test-fixture-2022-format.json');
    expect(records.map((r) => r.data.id)).toEqual(['2019K1209']);
    expect(entries(repairs, '/marches/marche/3')).toEqual([
      'list-item-wrapped /titulaires/0',
      'empty-item-dropped /modifications/0/modification/titulaires/0',
      'empty-item-dropped /modifications/0/modification/titulaires/1',
      'empty-list-dropped /modifications/0/modification/titulaires',
      'type-marker-dropped /_type',
      ...['autoriteConcedante', 'dateSignature', 'dateDebutExecution', 'valeurGlobale', 'montantSubventionPublique', 'donneesExecution', 'concessionnaires'].map(
        (key) => `foreign-empty-key-dropped /${key}`,
      ),
    ]);
    expect(entries(rejections, '/marches/marche/0')).toEqual([
      'minimum /offresRecues',
      'missing-value /dureeMois',
      'origine-france-above-ue /origineFrance',
      'invalid-siret /actesSousTraitance/0/acteSousTraitance/sousTraitant/id',
      'invalid-siret /titulaires/0/titulaire/id',
    ]);
    expect(entries(rejections, '/marches/marche/1')).toEqual([
      'amount-implausible /montant',
      'invalid-siret /modifications/2/modification/titulaires/0/titulaire/id',
      'date-in-future /modifications/3/modification/dateNotificationModification',
      'date-in-future /modifications/3/modification/datePublicationDonneesModification',
    ]);
    expect(entries(rejections, '/marches/marche/2')).toEqual([
      'published-before-event /datePublicationDonnees',
      'invalid-siret /modifications/0/modification/titulaires/0/titulaire/id',
      'invalid-siret /modifications/0/modification/titulaires/1/titulaire/id',
    ]);
    expect(entries(rejections, '/marches/marche/4')).toEqual([
      'required /marcheInnovant',
      'required /attributionAvance',
      'required /sousTraitanceDeclaree',
      'minimum /offresRecues',
    ]);
    // Repairs on records that were rejected anyway are reported too.
    expect(entries(repairs, '/marches/marche/2')).toEqual(expect.arrayContaining(['boolean-format /marcheInnovant', 'enum-spelling /actesSousTraitance/0/acteSousTraitance/variationPrix']));
    expect(entries(repairs, '#')).toEqual(['bare-nan ']);
  });

  it('maps the legacy 1.5 fixture to 2.x and rejects it for the required 2.x fields 1.5 cannot carry', () => {
    const { records, repairs, rejections } = normalise('messy/decp-processing-test-fixture-2019-format.json');
    expect(records).toEqual([]);
    expect(countByRule(rejections)).toEqual({ 'no-legacy-source': 21, 'invalid-siret': 3, 'missing-value': 1, 'origine-france-above-ue': 1 });
    expect(entries(rejections, '/marches/0').filter((e) => e.startsWith('no-legacy-source'))).toEqual(
      ['techniques', 'modalitesExecution', 'marcheInnovant', 'ccag', 'offresRecues', 'attributionAvance', 'typeGroupementOperateurs', 'formePrix', 'sousTraitanceDeclaree', 'considerationsSociales', 'considerationsEnvironnementales'].map(
        (key) => `no-legacy-source /${key}`,
      ),
    );
    expect(entries(repairs, '/marches/0')).toEqual([
      'legacy-key-dropped /_type',
      'legacy-key-dropped /uid',
      'legacy-key-dropped /source',
      'legacy-price-form /formePrix',
      'legacy-modification-numbered /modifications/0',
      'dotted-key /acheteur.id',
      'list-item-wrapped /modifications/0',
      'unknown-key-dropped /modifications/0/modification/objetModification',
      'nested-list-flattened /modifications/0/modification/titulaires',
      'list-item-wrapped /modifications/0/modification/titulaires/0',
      'unknown-key-dropped /modifications/0/modification/titulaires/0/titulaire/denominationSociale',
      'list-item-wrapped /titulaires/0',
      'unknown-key-dropped /titulaires/0/titulaire/denominationSociale',
      'unknown-key-dropped /lieuExecution/nom',
    ]);
  });

  it('maps a 1.5 marché carrying the 2.x fields to a valid 2.0.3 one', () => {
    const legacy = (priceFields: object) => ({
      _type: 'Marché',
      uid: '216901231000112019-001',
      id: '2019-001',
      acheteur: { id: '21690123100011', nom: 'Ville' },
      nature: 'Accord-cadre',
      objet: 'Fournitures',
      codeCPV: '30190000',
      procedure: 'Appel d’offres ouvert',
      lieuExecution: { code: '69123', typeCode: 'Code commune', nom: 'Lyon' },
      dureeMois: 12,
      dateNotification: '2019-02-01+01:00',
      datePublicationDonnees: '2019-02-10',
      montant: 50000,
      titulaires: [{ typeIdentifiant: 'SIRET', id: '39210031900038', denominationSociale: 'ACME' }],
      modifications: [],
      modalitesExecution: { modaliteExecution: ['Bons de commande'] },
      marcheInnovant: false,
      ccag: 'Fournitures courantes et services',
      offresRecues: 2,
      attributionAvance: false,
      typeGroupementOperateurs: 'Pas de groupement',
      sousTraitanceDeclaree: false,
      considerationsSociales: { considerationSociale: ['Pas de considération sociale'] },
      considerationsEnvironnementales: { considerationEnvironnementale: ['Pas de considération environnementale'] },
      ...priceFields,
    });
    const run = (priceFields: object) => normaliseDecp(readDecp(Buffer.from(JSON.stringify({ marches: [legacy(priceFields)] })), 'legacy.json'), { today: TEST_TODAY });

    // A 1.5 price form becomes a 2.x price type; the 2.x price form has no 1.5 source.
    expect(entries(run({ formePrix: 'Révisable' }).rejections)).toEqual(['no-legacy-source /formePrix']);

    const { records, repairs } = run({ formePrix: 'Forfaitaire', typesPrix: { typePrix: ['Définitif révisable'] } });
    expect(records[0].data).toMatchObject({
      acheteur: { id: '21690123100011' },
      nature: 'Marché',
      techniques: { technique: ['Accord-cadre'] },
      procedure: "Appel d'offres ouvert",
      dateNotification: '2019-02-01',
      lieuExecution: { code: '69123', typeCode: 'Code commune' },
      titulaires: [{ titulaire: { typeIdentifiant: 'SIRET', id: '39210031900038' } }],
    });
    expect(countByRule(repairs)).toEqual({
      'legacy-key-dropped': 2,
      'legacy-nature': 1,
      'unknown-key-dropped': 3,
      'enum-spelling': 1,
      'date-format': 1,
      'list-item-wrapped': 1,
      'empty-list-dropped': 1,
    });
  });

  it('takes today from the options, and the current day by default', () => {
    const doc = readSampleWithRealSirets('official-examples/concessions.json');
    expect(normaliseDecp(doc, { today: '2024-04-11' }).rejections.map((r) => `${r.rule} ${r.path}`)).toEqual([
      'date-in-future /datePublicationDonnees',
      'date-in-future /datePublicationDonnees',
    ]);
    expect(normaliseDecp(doc).records).toHaveLength(2);
  });
});
