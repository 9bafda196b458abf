import { decpRecordErrors } from './decp-schema';
import { inSchemaOrder, pointer, repairRecord } from './repair-record';
import { recordSchema } from './decp-schema';

/** A marché valid as it is (real SIRETs). */
const marche = () => ({
  id: '2024-042',
  acheteur: { id: '21690123100011' },
  nature: 'Marché',
  objet: 'Réfection de la toiture de l’école',
  codeCPV: '45261210',
  techniques: { technique: ['Sans objet'] },
  modalitesExecution: { modaliteExecution: ['Sans objet'] },
  marcheInnovant: false,
  ccag: 'Travaux',
  offresRecues: 3,
  attributionAvance: false,
  typeGroupementOperateurs: 'Pas de groupement',
  sousTraitanceDeclaree: false,
  procedure: 'Procédure adaptée',
  lieuExecution: { code: '69123', typeCode: 'Code commune' },
  dureeMois: 6,
  dateNotification: '2024-03-01',
  datePublicationDonnees: '2024-03-20',
  montant: 85000,
  typesPrix: { typePrix: ['Définitif ferme'] },
  formePrix: 'Forfaitaire',
  titulaires: [{ titulaire: { typeIdentifiant: 'SIRET', id: '39210031900038' } }],
  considerationsSociales: { considerationSociale: ['Pas de considération sociale'] },
  considerationsEnvironnementales: { considerationEnvironnementale: ['Pas de considération environnementale'] },
});

const repair = (data: unknown) => repairRecord('marche', data, 'test#/marches/marche/0');
const rules = (data: unknown) => repair(data).repairs.map((r) => `${r.rule} ${r.path}`);

describe(repairRecord.name, () => {
  it('leaves a valid record as it is', () => {
    const { data, repairs } = repair(marche());
    expect(repairs).toEqual([]);
    expect(data).toEqual(marche());
    expect(decpRecordErrors('marche', data)).toEqual([]);
  });

  it('repairs the documented defects, records each one, and the result passes the schema', () => {
    const messy = {
      ...marche(),
      _type: 'Marché',
      acheteur: { id: '216 901 231 00011' },
      nature: 'MARCHE',
      objet: 'Réfection de la toiture\nde l’école ',
      codeCPV: '45261210-9 Travaux de charpente',
      marcheInnovant: 'non',
      attributionAvance: '0',
      offresRecues: '3',
      montant: '85 000,00 €',
      dateNotification: '01/03/2024',
      datePublicationDonnees: '2024-03-20T10:00:00+01:00',
      ccag: 'travaux',
      techniques: { technique: 'Sans objet' },
      lieuExecution: { code: 69123, typeCode: 'Code commune' },
      titulaires: [{ typeIdentifiant: 'SIRET', id: '392 100 319 00038', denominationSociale: 'ACME' }],
      origineUE: null,
      tauxAvance: 'NC',
      actesSousTraitance: [],
      modifications: [],
      autoriteConcedante: '',
      valeurGlobale: 0,
    };
    const { data, repairs } = repair(messy);
    expect(repairs.map((r) => `${r.rule} ${r.path}`).sort()).toEqual([
      'type-marker-dropped /_type',
      'siret-format /acheteur/id',
      'enum-spelling /nature',
      'text-whitespace /objet',
      'cpv-format /codeCPV',
      'single-to-list /techniques/technique',
      'boolean-format /marcheInnovant',
      'boolean-format /attributionAvance',
      'number-format /offresRecues',
      'enum-spelling /ccag',
      'empty-optional-dropped /tauxAvance',
      'number-to-string /lieuExecution/code',
      'date-format /dateNotification',
      'date-format /datePublicationDonnees',
      'number-format /montant',
      'list-item-wrapped /titulaires/0',
      'unknown-key-dropped /titulaires/0/titulaire/denominationSociale',
      'siret-format /titulaires/0/titulaire/id',
      'empty-optional-dropped /origineUE',
      'empty-list-dropped /actesSousTraitance',
      'empty-list-dropped /modifications',
      'foreign-empty-key-dropped /autoriteConcedante',
      'foreign-empty-key-dropped /valeurGlobale',
    ].sort());
    expect(repairs.find((r) => r.rule === 'number-format' && r.path === '/montant')).toMatchObject({ before: '85 000,00 €', after: 85000 });
    expect(data).toEqual({ ...marche(), objet: 'Réfection de la toiture de l’école', codeCPV: '45261210-9' });
    expect(Object.keys(data as object)).toEqual(Object.keys(marche()));
    expect(decpRecordErrors('marche', data)).toEqual([]);
  });

  it('does not repair what has more than one reading, and leaves it for validation to refuse', () => {
    const { data, repairs } = repair({ ...marche(), dureeMois: 'NC', montant: '1,234.50', codeCPV: '4526121', offresRecues: 2.5, nature: 'Accord-cadre', acheteur: { id: '2.16901231E13' } });
    expect(repairs).toEqual([]);
    expect(data).toMatchObject({ dureeMois: 'NC', montant: '1,234.50', codeCPV: '4526121', offresRecues: 2.5, nature: 'Accord-cadre' });
    expect(decpRecordErrors('marche', data).map((e) => `${e.keyword} ${e.instancePath}`)).toEqual(
      expect.arrayContaining(['type /dureeMois', 'type /montant', 'pattern /codeCPV', 'type /offresRecues', 'enum /nature', 'pattern /acheteur/id']),
    );
  });

  it('keeps unknown keys at the top of a record for the schema to refuse', () => {
    const { data, repairs } = repair({ ...marche(), uid: '216901231000112024-042', _type: 'Contrat de concession', dateSignature: '2024-01-01' });
    expect(repairs).toEqual([]);
    expect(decpRecordErrors('marche', data).map((e) => e.params)).toEqual([
      { additionalProperty: 'uid' },
      { additionalProperty: '_type' },
      { additionalProperty: 'dateSignature' },
    ]);
  });

  it('unwraps converter artefacts in lists: nested lists, bare holders, empty wrappers', () => {
    const modification = {
      id: 1,
      dateNotificationModification: '2024-06-01',
      datePublicationDonneesModification: '2024-06-05',
      titulaires: [[[{ typeIdentifiant: 'SIRET', id: '39210873400063' }]]],
    };
    const emptied = { ...modification, id: 2, titulaires: [{ titulaire: 'typeIdentifiant' }, { titulaire: 'id' }] };
    const { data, repairs } = repair({ ...marche(), modifications: [{ modification }, { modification: emptied }] });
    expect(repairs.map((r) => `${r.rule} ${r.path}`)).toEqual([
      'nested-list-flattened /modifications/0/modification/titulaires',
      'list-item-wrapped /modifications/0/modification/titulaires/0',
      'empty-item-dropped /modifications/1/modification/titulaires/0',
      'empty-item-dropped /modifications/1/modification/titulaires/1',
      'empty-list-dropped /modifications/1/modification/titulaires',
    ]);
    expect(decpRecordErrors('marche', data)).toEqual([]);
  });

  it('nests dotted keys, fixes the case of keys, and types a holder whose id is a SIRET', () => {
    const { 'acheteur': _, ...rest } = marche();
    const source = { ...rest, 'acheteur.id': '21690123100011', titulaires: [{ titulaire: { typeidentifiant: '', id: '39210031900038' } }] };
    expect(rules(source)).toEqual([
      'dotted-key /acheteur.id',
      'key-spelling /titulaires/0/titulaire/typeidentifiant',
      'holder-type-defaulted /titulaires/0/titulaire/typeIdentifiant',
    ]);
    expect(decpRecordErrors('marche', repair(source).data)).toEqual([]);
  });

  it('restores the leading zero a postal code or a SIRET lost as a number', () => {
    const { repairs, data } = repair({
      ...marche(),
      lieuExecution: { code: 3120, typeCode: 'Code postal' },
      acheteur: { id: 21690123100011 },
      titulaires: [{ titulaire: { typeIdentifiant: 'SIRET', id: 5650171100115 } }, { titulaire: { typeIdentifiant: 'TVA', id: 12345 } }],
    });
    expect(repairs.map((r) => `${r.rule} ${r.path} ${String(r.after)}`)).toEqual([
      'siret-format /acheteur/id 21690123100011',
      'place-code-leading-zero /lieuExecution/code 03120',
      'siret-format /titulaires/0/titulaire/id 05650171100115',
      'number-to-string /titulaires/1/titulaire/id 12345',
    ]);
    expect(data).toMatchObject({ lieuExecution: { code: '03120' }, acheteur: { id: '21690123100011' } });
  });

  it('repairs a concession along its own schema', () => {
    const { repairs, data } = repairRecord(
      'contrat-concession',
      { id: 'C1', _type: 'Contrat de concession', donneesExecution: [{ datePublicationDonneesExecution: '2025-01-10', depensesInvestissement: '0', tarifs: [{ intituleTarif: 'Entrée', tarif: '4,50' }] }] },
      'c#',
    );
    expect(repairs.map((r) => `${r.rule} ${r.path}`)).toEqual([
      'type-marker-dropped /_type',
      'list-item-wrapped /donneesExecution/0',
      'number-format /donneesExecution/0/donneesAnnuelles/depensesInvestissement',
      'list-item-wrapped /donneesExecution/0/donneesAnnuelles/tarifs/0',
      'number-format /donneesExecution/0/donneesAnnuelles/tarifs/0/tarif/tarif',
    ]);
    expect(data).toEqual({
      id: 'C1',
      donneesExecution: [{ donneesAnnuelles: { datePublicationDonneesExecution: '2025-01-10', depensesInvestissement: 0, tarifs: [{ tarif: { intituleTarif: 'Entrée', tarif: 4.5 } }] } }],
    });
  });
});

describe(pointer.name, () => {
  it('escapes ~ and / as JSON Pointer does', () => {
    expect(pointer('/a', 'b/c~d')).toBe('/a/b~1c~0d');
    expect(pointer('', 0)).toBe('/0');
  });
});

describe(inSchemaOrder.name, () => {
  it('orders keys as the schema does, unknown ones last, and drops undefined values', () => {
    expect(Object.keys(inSchemaOrder({ montant: 1, zz: 2, id: 'x', objet: undefined }, recordSchema('marche')))).toEqual(['id', 'montant', 'zz']);
  });
});
