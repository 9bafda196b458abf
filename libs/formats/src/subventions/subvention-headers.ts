import { fieldNames, SCDL_SUBVENTIONS_SCHEMA, type ScdlSubventionsField, type TableError } from '../table-schema';

export const SUBVENTIONS_FIELDS: readonly ScdlSubventionsField[] = fieldNames(SCDL_SUBVENTIONS_SCHEMA);

/**
 * Older header names mapped to SCDL 2.1.1, only where the old column means
 * the same thing. SCDL v1 (2017–2018, `COLL_*` the granting collectivity,
 * `ATTRIB_*` the beneficiary): the official 2.1.1 examples were converted
 * from Poitiers' v1 file with exactly these readings (ACTE_DATE became
 * dateConvention, ACTE_REF referenceDecision). The 2017 regulatory format
 * already uses the 2.1.1 names. Left unmapped on purpose: `ANNEE`,
 * `COLL_TYPE`, `ATTRIB_TYPE` (nothing to map to), `SUB_DATE_DEBUT` /
 * `SUB_DATE_FIN` (the subsidy's period, not its payments'), `SUB_DISPOSITIF`
 * (a label, where 2.1.1 wants an id), `ID_ENT` (not said to be the RAE id),
 * `notificationDeMinimisUE` (de minimis is not notification).
 */
export const LEGACY_HEADERS: Readonly<Record<string, ScdlSubventionsField>> = {
  COLL_NOM: 'nomAttribuant',
  COLL_SIRET: 'idAttribuant',
  ACTE_DATE: 'dateConvention',
  ACTE_REF: 'referenceDecision',
  ATTRIB_NOM: 'nomBeneficiaire',
  ATTRIB_SIRET: 'idBeneficiaire',
  SUB_OBJ: 'objet',
  SUB_OBJET: 'objet',
  SUB_MONTANT: 'montant',
  SUB_NATURE: 'nature',
  SUB_VERSEMENT: 'conditionsVersement',
  NOTIF_EU: 'notificationUE',
  'Notification à la commission Européenne': 'notificationUE',
};

export interface HeaderMapping {
  /** Column position → SCDL field, for the columns that map. */
  columns: Map<number, ScdlSubventionsField>;
  /** Source header → SCDL field, where the name was not already the exact one. */
  renamed: Record<string, ScdlSubventionsField>;
  /** Source columns that map to nothing: left out. */
  ignored: string[];
  /** Two source columns for one field: the file cannot be read without guessing. */
  errors: TableError[];
}

const fold = (name: string) => name.normalize('NFC').trim().toLowerCase();
const BY_FOLDED = new Map<string, ScdlSubventionsField>([
  ...Object.entries(LEGACY_HEADERS).map(([name, field]) => [fold(name), field] as const),
  ...SUBVENTIONS_FIELDS.map((field) => [fold(field), field] as const),
]);

/** Maps a header to SCDL 2.1.1: exact names, then the same names in any case, then the legacy names above. */
export function mapSubventionsHeader(header: readonly string[]): HeaderMapping {
  const mapping: HeaderMapping = { columns: new Map(), renamed: {}, ignored: [], errors: [] };
  const taken = new Map<ScdlSubventionsField, string>();
  header.forEach((name, position) => {
    const field = BY_FOLDED.get(fold(name));
    if (!field) {
      mapping.ignored.push(name);
      return;
    }
    const earlier = taken.get(field);
    if (earlier !== undefined) {
      mapping.errors.push({ row: 0, column: field, code: 'duplicate-column', message: `Columns "${earlier}" and "${name}" both give ${field}` });
      return;
    }
    taken.set(field, name);
    mapping.columns.set(position, field);
    if (name !== field) mapping.renamed[name] = field;
  });
  return mapping;
}
