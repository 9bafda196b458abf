import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { CodedError, isCodedError } from '@openactes/domain';
import { attr, child, children, parseXml, type XmlElement } from '../actes/xml';

/** Where an account's amounts go, by kind of operation: real D/R, order between sections (OES), within a section (OIS). */
export type ChapterColumn = 'DR' | 'RR' | 'DOES' | 'ROES' | 'DOIS' | 'ROIS';
const CHAPTER_COLUMNS: readonly ChapterColumn[] = ['DR', 'RR', 'DOES', 'ROES', 'DOIS', 'ROIS'];

export interface PlanChapter {
  code: string;
  label: string;
  /** F (fonctionnement) or I (investissement). */
  section?: 'F' | 'I';
}

export interface PlanAccount {
  code: string;
  label: string;
  chapters: Partial<Record<ChapterColumn, string>>;
}

/** A DGFiP/ODM account plan (`planDeCompte.xml`) of one nomenclature for one exercice. */
export interface AccountPlan {
  norme: string;
  declinaison: string;
  /** The exercice the plan file declares (may lag the one it was filed under). */
  year: string;
  chapters: ReadonlyMap<string, PlanChapter>;
  accounts: ReadonlyMap<string, PlanAccount>;
  functions: ReadonlyMap<string, string>;
}

/**
 * The plan for a TOTEM nomenclature (`M57-M57_A`) and exercice, from the folder
 * the operator fills with the DGFiP plans, either flat
 * (`planDeCompte_2023_M57_M57_A.xml`) or as published on odm-budgetaire.org
 * (`2023/M57/M57_A/planDeCompte.xml`). A missing or unusable plan is
 * `MISSING_ACCOUNT_PLAN`, retryable once the operator adds it.
 */
export async function loadAccountPlan(dir: string, nomenclature: string, year: string | number): Promise<AccountPlan> {
  const match = /^([A-Z][A-Z0-9]*)-([A-Z0-9][A-Z0-9_]*)$/i.exec(nomenclature);
  if (!match || !/^\d{4}$/.test(String(year))) {
    throw new CodedError('INVALID_TOTEM', `Unreadable nomenclature "${nomenclature}" or exercice "${year}"`, { nomenclature, year, reason: 'nomenclature' });
  }
  const [, norme, declinaison] = match;
  const candidates = [`planDeCompte_${year}_${norme}_${declinaison}.xml`, path.join(String(year), norme, declinaison, 'planDeCompte.xml')];
  const needed = { nomenclature, year: String(year), candidates };
  for (const candidate of candidates) {
    let data: Buffer;
    try {
      data = await fs.readFile(path.join(dir, candidate));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    let plan: AccountPlan;
    try {
      plan = parseAccountPlan(data, candidate);
    } catch (err) {
      if (!isCodedError(err)) throw err;
      throw new CodedError('MISSING_ACCOUNT_PLAN', `Account plan ${candidate} is unreadable: ${err.message}`, { ...needed, reason: 'unreadable' });
    }
    if (plan.norme !== norme || plan.declinaison !== declinaison) {
      throw new CodedError('MISSING_ACCOUNT_PLAN', `${candidate} is the plan of ${plan.norme}-${plan.declinaison}, not ${nomenclature}`, { ...needed, reason: 'mismatch' });
    }
    return plan;
  }
  throw new CodedError('MISSING_ACCOUNT_PLAN', `No account plan ${nomenclature} for ${year}: add ${candidates[0]} to the account plans folder`, { ...needed, reason: 'missing' });
}

export function parseAccountPlan(xml: Buffer, fileName = 'planDeCompte.xml'): AccountPlan {
  const root = parseXml(xml, fileName);
  const nature = child(root, 'Nature', '');
  if (root.name !== 'Nomenclature' || !nature) {
    throw new CodedError('INVALID_XML', `${fileName}: not a DGFiP account plan`, { fileName, reason: 'not_account_plan' });
  }
  const chapters = new Map<string, PlanChapter>();
  for (const el of children(child(nature, 'Chapitres', ''), 'Chapitre', '')) {
    const section = attr(el, 'Section', '');
    chapters.set(code(el), { code: code(el), label: label(el), section: section === 'F' || section === 'I' ? section : undefined });
  }
  const accounts = new Map<string, PlanAccount>();
  for (const el of descendants(child(nature, 'Comptes', ''), 'Compte')) {
    const columns = CHAPTER_COLUMNS.flatMap((column) => {
      const chapter = attr(el, column, '');
      return chapter ? [[column, chapter] as const] : [];
    });
    accounts.set(code(el), { code: code(el), label: label(el), chapters: Object.fromEntries(columns) });
  }
  const functions = new Map<string, string>();
  for (const el of descendants(child(child(root, 'Fonction', ''), 'RefFonctionnelles', ''), 'RefFonc')) functions.set(code(el), label(el));
  return {
    norme: attr(root, 'Norme', '') ?? '',
    declinaison: attr(root, 'Declinaison', '') ?? '',
    year: attr(root, 'Exer', '') ?? '',
    chapters,
    accounts,
    functions,
  };
}

function descendants(el: XmlElement | undefined, name: string): XmlElement[] {
  return (el?.children ?? []).flatMap((c) => (c.name === name ? [c, ...descendants(c, name)] : []));
}

function code(el: XmlElement): string {
  return attr(el, 'Code', '') ?? '';
}

/** Some plans carry Windows-1252 punctuation as C1 controls (U+0092 for ’): restore it. */
function label(el: XmlElement): string {
  return (attr(el, 'Libelle', '') ?? '').replace(/[\u0080-\u009f]/g, (c) => iconv.decode(Buffer.from([c.charCodeAt(0)]), 'windows-1252')).trim();
}
