import { assertSurvives } from '../fuzz.testing';
import { readTotem } from './totem-document';

const NS = 'http://www.minefi.gouv.fr/cp/demat/docbudgetaire';
const line = (nature: string, amount: string) =>
  `<LigneBudget><Nature V="${nature}"/><Fonction V="020"/><CodRD V="D"/><MtPrev V="${amount}"/><OpBudg V="0"/><TypOpBudg V="1"/></LigneBudget>`;
/** A small budget (the shared samples are large: thousands of cases would take minutes). */
const TOTEM = Buffer.from(
  `<?xml version="1.0" encoding="UTF-8"?><DocumentBudgetaire xmlns="${NS}"><EnTeteDocBudgetaire><LibelleColl V="Crac’h"/><IdColl V="21560046100010"/></EnTeteDocBudgetaire>` +
    `<Budget><EnTeteBudget><IdEtab V="21560046100010"/><LibelleEtab V="Budget principal"/><Nomenclature V="M57-M57_A"/></EnTeteBudget>` +
    `<BlocBudget><NatDec V="01"/><Exer V="2024"/></BlocBudget>${line('6042', '1200.50')}${line('6574', '3000')}${line('7311', '-15.2')}</Budget></DocumentBudgetaire>`,
);

/** Hostile input: the TOTEM reader returns a document or throws a coded error, whatever the bytes. */
describe(readTotem.name, () => {
  it('survives byte changes, truncation and insertions', () => {
    assertSurvives(TOTEM, (bytes) => readTotem(bytes));
  });
});
