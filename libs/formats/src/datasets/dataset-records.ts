import { createHash } from 'node:crypto';
import { classificationCode, normaliseWhitespace, siretIsValid } from '@openactes/domain';
import { createRowValidator, recordErrors, type RowValidator, type TableError } from '../table-schema';
import { ACTES_DATASET_FIELDS, DATASET_KINDS } from './dataset-kinds';

/** A dataset row with what its filters and search need; `errors` non-empty means quarantined. */
export interface DatasetRecord {
  key: string;
  row: Record<string, string>;
  rowSha256: string;
  siren: string | null;
  date: string | null;
  nature: string | null;
  matiere: string | null;
  year: number | null;
  searchText: string | null;
  errors: TableError[];
}

export interface PublishedDeliberation {
  actId: string;
  siren: string;
  decisionDate: string;
  nature: string;
  matieres: number[];
  row: Record<string, string>;
  collectivity: { name: string; siret: string | null };
  publishedObjet: string | null;
  publishedText: string | null;
  mainDocumentId: string | null;
}

export interface PublishedAct {
  actId: string;
  siren: string;
  collectivityName: string;
  numeroInterne: string;
  idActe: string | null;
  nature: string;
  matieres: number[];
  decisionDate: string;
  publishedAt: Date;
  publishedObjet: string | null;
  publishedText: string | null;
  documents: { id: string }[];
}

export interface PublishedBudgetRow {
  key: string;
  siren: string;
  year: number;
  row: Record<string, string>;
}

const NATURE_LABELS: Record<string, string> = {
  DE: 'Délibération',
  AR: 'Arrêté réglementaire',
  AI: 'Arrêté individuel',
  CC: 'Contrat, convention et avenant',
  BF: 'Document budgétaire et financier',
  AU: 'Autre',
};

/** Stable URLs of what the gateway serves, from the public base URL. */
export function publicUrls(baseUrl: string) {
  return {
    act: (actId: string) => `${baseUrl}/api/v1/acts/${actId}`,
    document: (actId: string, documentId: string) => `${baseUrl}/api/v1/acts/${actId}/documents/${documentId}`,
    dataset: (datasetId: string) => {
      const base = `${baseUrl}/api/v1/datasets/${datasetId}`;
      return {
        self: base,
        csv: `${base}/latest.csv`,
        json: `${base}/latest.json`,
        versions: `${base}/versions`,
        records: `${base}/records`,
        changes: `${base}/changes`,
        feed: `${base}/feed.atom`,
        version: (number: number, format: 'csv' | 'json') => `${base}/versions/${number}.${format}`,
      };
    },
  };
}

/**
 * Builds the rows of each dataset and checks them with the dataset's schema.
 * One builder per table read: its validators remember unique values.
 */
export class DatasetRecordBuilder {
  private readonly validators = new Map<string, RowValidator>();
  private readonly urls: ReturnType<typeof publicUrls>;

  constructor(baseUrl: string) {
    this.urls = publicUrls(baseUrl);
  }

  /**
   * The SCDL row as built with the act, with the collectivity as registered
   * now (a SIRET registered later makes its rows publishable) and the link to
   * the published document.
   */
  deliberation(src: PublishedDeliberation): DatasetRecord {
    const siret = src.collectivity.siret?.replace(/\s/g, '') ?? '';
    const row: Record<string, string> = {
      ...src.row,
      COLL_NOM: normaliseWhitespace(src.collectivity.name),
      COLL_SIRET: siretIsValid(siret) ? siret : '',
      DELIB_URL: src.mainDocumentId ? this.urls.document(src.actId, src.mainDocumentId) : (src.row.DELIB_URL ?? ''),
    };
    return this.record('deliberations', src.actId, row, {
      siren: src.siren, date: src.decisionDate, nature: src.nature, matiere: row.DELIB_MATIERE_CODE || matiereOf(src.matieres),
      year: Number(src.decisionDate.slice(0, 4)), searchText: searchText(src.publishedObjet, src.publishedText),
    });
  }

  act(src: PublishedAct): DatasetRecord {
    const matiere = matiereOf(src.matieres);
    const row: Record<(typeof ACTES_DATASET_FIELDS)[number], string> = {
      ACTE_ID: src.actId,
      COLL_SIREN: src.siren,
      COLL_NOM: normaliseWhitespace(src.collectivityName),
      NUMERO_INTERNE: src.numeroInterne,
      ID_ACTE: src.idActe ?? '',
      NATURE_CODE: src.nature,
      NATURE_LIBELLE: NATURE_LABELS[src.nature] ?? '',
      MATIERE_CODE: matiere ?? '',
      DATE_DECISION: src.decisionDate,
      DATE_PUBLICATION: src.publishedAt.toISOString(),
      OBJET: normaliseWhitespace(src.publishedObjet ?? ''),
      URL: this.urls.act(src.actId),
      DOCUMENTS_URLS: src.documents.map((d) => this.urls.document(src.actId, d.id)).join(' '),
    };
    return this.record('actes', src.actId, row, {
      siren: src.siren, date: src.decisionDate, nature: src.nature, matiere, year: Number(src.decisionDate.slice(0, 4)),
      searchText: searchText(src.publishedObjet, src.publishedText),
    });
  }

  /** Budget and subventions rows were checked at conversion; they are checked again, as every published row is. */
  budgetRow(kind: 'budget' | 'subventions', src: PublishedBudgetRow): DatasetRecord {
    return this.record(kind, src.key, src.row, { siren: src.siren, date: `${src.year}-01-01`, nature: null, matiere: null, year: src.year, searchText: null });
  }

  /** A flat DECP row: one per contract × holder × modification. */
  procurementRow(row: Record<string, string>): DatasetRecord {
    const date = row.dateNotification || row.dateSignature || null;
    return this.record('procurement', `${row.uid}#${row.titulaire_id}#${(row.modification_id ?? '').padStart(4, '0')}`, row, {
      siren: (row.acheteur_id ?? '').slice(0, 9) || null, date, nature: row.nature || null, matiere: null,
      year: date ? Number(date.slice(0, 4)) : null, searchText: row.objet || null,
    });
  }

  private record(kind: keyof typeof DATASET_KINDS, key: string, row: Record<string, string>, meta: Omit<DatasetRecord, 'key' | 'row' | 'rowSha256' | 'errors'>): DatasetRecord {
    const { header, schema } = DATASET_KINDS[kind];
    const ordered = Object.fromEntries(header.map((name) => [name, row[name] ?? '']));
    let errors: TableError[] = [];
    if (schema) {
      let validator = this.validators.get(kind);
      if (!validator) this.validators.set(kind, (validator = createRowValidator(schema.descriptor, header)));
      errors = recordErrors(validator, header, ordered, 1);
    }
    const rowSha256 = createHash('sha256').update(JSON.stringify(ordered)).digest('hex');
    return { key, row: ordered, rowSha256, errors, ...meta };
  }
}

function matiereOf(matieres: readonly number[]): string | null {
  return matieres.length >= 2 ? classificationCode(matieres) : null;
}

function searchText(objet: string | null, text: string | null): string | null {
  const joined = [objet, text].filter(Boolean).join('\n');
  return joined || null;
}

/** Counts of quarantine reasons (`column:code`), one per row and reason. */
export function quarantineReasons(records: readonly Pick<DatasetRecord, 'errors'>[]): Record<string, number> {
  const reasons: Record<string, number> = {};
  for (const { errors } of records) {
    for (const reason of new Set(errors.map((e) => `${e.column ?? 'row'}:${e.code}`))) reasons[reason] = (reasons[reason] ?? 0) + 1;
  }
  return reasons;
}
