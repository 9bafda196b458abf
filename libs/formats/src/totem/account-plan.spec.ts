import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodedError } from '@openactes/domain';
import { loadAccountPlan, parseAccountPlan } from './account-plan';

const PLANS = path.join(process.env.SHARED_DIR ?? path.resolve(__dirname, '../../../../../shared'), 'schemas/reference/plans-de-comptes');

const tinyPlan = (norme: string, declinaison: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><!-- DGFiP --><Nomenclature Norme="${norme}" Declinaison="${declinaison}" Exer="2025"><Nature>` +
  '<Chapitres><Chapitre Code="65" Libelle="Autres charges" Section="F"/></Chapitres>' +
  '<Comptes><Compte Code="65" Libelle="Autres charges"><Compte Code="6574" Libelle="Subventions" DR="65" RR="" DOES="" ROES="" DOIS="" ROIS=""/></Compte></Comptes>' +
  '</Nature><Fonction><RefFonctionnelles><RefFonc Code="0" Libelle="Services généraux"><RefFonc Code="01" Libelle="Opérations non ventilables"/></RefFonc></RefFonctionnelles></Fonction></Nomenclature>';

const rejection = async (promise: Promise<unknown>) => {
  const err = (await promise.then(
    () => undefined,
    (e: unknown) => e,
  )) as CodedError;
  return { code: err.code, retryable: err.retryable, details: err.details };
};

describe(loadAccountPlan.name, () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plans-'));
    fs.mkdirSync(path.join(dir, '2025/M57/M57_P'), { recursive: true });
    fs.writeFileSync(path.join(dir, '2025/M57/M57_P/planDeCompte.xml'), tinyPlan('M57', 'M57_P'));
    fs.writeFileSync(path.join(dir, 'planDeCompte_2025_M52_M52.xml'), tinyPlan('M57', 'M57_A'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('picks the flat file named after exercice, norme and déclinaison', async () => {
    const plan = await loadAccountPlan(PLANS, 'M57-M57_A', 2023);
    expect(plan).toMatchObject({ norme: 'M57', declinaison: 'M57_A', year: '2023' });
    expect((await loadAccountPlan(PLANS, 'M14-M14_COM_500_3500', '2022')).year).toBe('2022');
  });

  it('also reads the odm-budgetaire.org folder layout', async () => {
    expect((await loadAccountPlan(dir, 'M57-M57_P', '2025')).accounts.get('6574')?.chapters).toEqual({ DR: '65' });
  });

  it('fails retryably, naming the plan to add, when it is missing or is another nomenclature', async () => {
    expect(await rejection(loadAccountPlan(PLANS, 'M57-M57_A', '2019'))).toEqual({
      code: 'MISSING_ACCOUNT_PLAN',
      retryable: true,
      details: {
        nomenclature: 'M57-M57_A',
        year: '2019',
        candidates: ['planDeCompte_2019_M57_M57_A.xml', path.join('2019', 'M57', 'M57_A', 'planDeCompte.xml')],
        reason: 'missing',
      },
    });
    expect(await rejection(loadAccountPlan(PLANS, 'M71-M71', '2023'))).toMatchObject({ code: 'MISSING_ACCOUNT_PLAN', details: { reason: 'missing' } });
    expect(await rejection(loadAccountPlan(dir, 'M52-M52', '2025'))).toMatchObject({ code: 'MISSING_ACCOUNT_PLAN', details: { reason: 'mismatch' } });
  });

  it('refuses a nomenclature or exercice that cannot name a file', async () => {
    expect(await rejection(loadAccountPlan(PLANS, '../M57-M57_A', '2023'))).toMatchObject({ code: 'INVALID_TOTEM', retryable: false });
    expect(await rejection(loadAccountPlan(PLANS, 'M57-M57_A', '23'))).toMatchObject({ code: 'INVALID_TOTEM' });
  });
});

describe(parseAccountPlan.name, () => {
  const plan = parseAccountPlan(fs.readFileSync(path.join(PLANS, 'planDeCompte_2023_M57_M57_A.xml')));

  it('reads chapters with their section and nested accounts with their chapter by kind of operation', () => {
    expect(plan.chapters.get('012')).toEqual({ code: '012', label: 'Charges de personnel et frais assimilés', section: 'F' });
    expect(plan.chapters.get('040')?.section).toBe('I');
    expect(plan.accounts.get('021')).toEqual({ code: '021', label: 'Virement de la section de fonctionnement', chapters: { ROES: '021' } });
    expect(plan.accounts.get('4541')?.chapters).toEqual({ DR: '4541', RR: '4541', DOES: '040', ROES: '040', DOIS: '041', ROIS: '041' });
  });

  it('reads the functional references and restores Windows-1252 punctuation in labels', () => {
    expect([plan.functions.get('0'), plan.functions.get('02')]).toEqual(['Services généraux', 'Administration générale']);
    expect(plan.accounts.get('651')?.label).toBe('Charges d’intervention pour compte propre');
  });

  it('refuses a file that is not an account plan', async () => {
    expect(await rejection(Promise.resolve().then(() => parseAccountPlan(Buffer.from('<Plan/>'))))).toMatchObject({ code: 'INVALID_XML' });
  });
});
