import type { DecpKind, DecpRepair } from './decp-types';
import { matchEnum } from './decp-values';
import { isPlainObject, pointer } from './repair-record';

/**
 * Required 2.x fields that DECP 1.5 has no field for (`typesPrix` has one only
 * when the 1.5 `formePrix` holds a 1.5 value): a 1.5 record lacks them and
 * cannot become a valid 2.0.3 record, since nothing is invented to fill them.
 */
export const FIELDS_NEW_IN_2X: Readonly<Record<DecpKind, readonly string[]>> = {
  marche: [
    'techniques',
    'modalitesExecution',
    'marcheInnovant',
    'ccag',
    'offresRecues',
    'attributionAvance',
    'typeGroupementOperateurs',
    'sousTraitanceDeclaree',
    'considerationsSociales',
    'considerationsEnvironnementales',
    'formePrix',
    'typesPrix',
  ],
  'contrat-concession': ['considerationsSociales', 'considerationsEnvironnementales'],
};

/** 1.5 keys with no 2.x counterpart: the kind marker, the aggregator's uid and source, the concession's place. */
const LEGACY_ONLY_KEYS: Readonly<Record<DecpKind, readonly string[]>> = {
  marche: ['_type', 'uid', 'source'],
  'contrat-concession': ['_type', 'uid', 'source', 'lieuExecution'],
};

/** 1.5 `formePrix` → 2.x `typesPrix` (2.x `formePrix` is another notion, absent from 1.5). */
const PRICE_TYPES: Readonly<Record<string, string>> = {
  Ferme: 'Définitif ferme',
  'Ferme et actualisable': 'Définitif actualisable',
  Révisable: 'Définitif révisable',
};

/**
 * Maps a DECP 1.5 record onto the 2.x structure, as the reference describes:
 * legacy-only keys dropped; nature `Accord-cadre` → `Marché` with technique
 * `Accord-cadre`, `Marché subséquent` → `Marché` with modalité `Marchés
 * subséquents`; `formePrix` → `typesPrix`; modifications numbered in their
 * order (1.5 has no id). Wrapping list items, `acheteur.id` dotted keys and
 * `denominationSociale` / `nom` are left to the repairs common to every version.
 */
export function legacyToCurrent(kind: DecpKind, data: unknown, recordId: string): { data: unknown; repairs: DecpRepair[] } {
  if (!isPlainObject(data)) return { data, repairs: [] };
  const repairs: DecpRepair[] = [];
  const note = (path: string, rule: string, before: unknown, after: unknown) => repairs.push({ recordId, path, rule, before, after });
  const out: Record<string, unknown> = { ...data };

  for (const key of LEGACY_ONLY_KEYS[kind]) {
    if (key in out) {
      note(pointer('', key), 'legacy-key-dropped', out[key], undefined);
      delete out[key];
    }
  }
  if (kind === 'marche') {
    if (out.nature === 'Accord-cadre' && out.techniques === undefined) {
      out.techniques = { technique: ['Accord-cadre'] };
      note('/nature', 'legacy-nature', 'Accord-cadre', { nature: 'Marché', techniques: out.techniques });
      out.nature = 'Marché';
    } else if (out.nature === 'Marché subséquent' && out.modalitesExecution === undefined) {
      out.modalitesExecution = { modaliteExecution: ['Marchés subséquents'] };
      note('/nature', 'legacy-nature', 'Marché subséquent', { nature: 'Marché', modalitesExecution: out.modalitesExecution });
      out.nature = 'Marché';
    }
    const priceForm = typeof out.formePrix === 'string' ? matchEnum(out.formePrix, Object.keys(PRICE_TYPES)) : undefined;
    if (priceForm !== undefined && out.typesPrix === undefined) {
      out.typesPrix = { typePrix: [PRICE_TYPES[priceForm]] };
      note('/formePrix', 'legacy-price-form', out.formePrix, { typesPrix: out.typesPrix });
      delete out.formePrix;
    }
  }
  if (Array.isArray(out.modifications)) out.modifications = numberModifications(out.modifications, note);
  return { data: out, repairs };
}

function numberModifications(modifications: unknown[], note: (path: string, rule: string, before: unknown, after: unknown) => void): unknown[] {
  return modifications.map((item, index) => {
    const wrapped = isPlainObject(item) && isPlainObject(item.modification);
    const modification = wrapped ? (item.modification as Record<string, unknown>) : item;
    if (!isPlainObject(modification) || modification.id !== undefined) return item;
    const numbered = { id: index + 1, ...modification };
    note(pointer('/modifications', index), 'legacy-modification-numbered', undefined, index + 1);
    return wrapped ? { ...item, modification: numbered } : numbered;
  });
}
