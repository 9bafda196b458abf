import { DatasetRecordBuilder, type DatasetRecord, type PublishedAct, type PublishedBudgetRow, type PublishedDeliberation } from '@openactes/formats';
import type { DataSource } from 'typeorm';
import { AuditLog } from './audit-log';
import { parseDatasetId } from './dataset-store';
import { SubventionStore } from './subvention-store';

export type DeliberationSource = PublishedDeliberation;
export type ActSource = PublishedAct;
export type BudgetRowSource = PublishedBudgetRow;

const PAGE = 1000;

/**
 * What each dataset is made of now, read in pages in a stable order. Only
 * published subjects; the dataset's validator decides what of it is published.
 */
export class DatasetSources {
  constructor(
    private readonly dataSource: DataSource,
    /** The flat DECP rows of published procurement files (ProcurementStore.publishedRows). */
    private readonly procurementRows?: (filter: { siren?: string }) => AsyncIterable<Record<string, string>>,
  ) {}

  /** Every row of a dataset as its sources give it now, checked by its schema (`errors` non-empty: quarantined). */
  async *records(datasetId: string, publicBaseUrl: string): AsyncGenerator<DatasetRecord> {
    const parsed = parseDatasetId(datasetId);
    if (!parsed) return;
    const { type, siren } = parsed;
    const build = new DatasetRecordBuilder(publicBaseUrl);
    if (type === 'deliberations') for await (const src of this.deliberations(siren)) yield build.deliberation(src);
    if (type === 'actes') for await (const src of this.acts(siren)) yield build.act(src);
    if (type === 'budget' || type === 'subventions') for await (const src of this.budgetRows(type, siren)) yield build.budgetRow(type, src);
    if (type === 'subventions') for await (const src of this.subventionFileRows(siren)) yield build.budgetRow(type, src);
    if (type === 'procurement' && this.procurementRows) for await (const row of this.procurementRows({ siren: siren ?? undefined })) yield build.procurementRow(row);
  }

  async *deliberations(siren: string | null): AsyncGenerator<DeliberationSource> {
    for await (const r of this.pages<DbAct & { row: Record<string, string>; coll_name: string | null; coll_siret: string | null; main_document_id: string | null }>(
      `SELECT a.id, a.siren, to_char(a.decision_date, 'YYYY-MM-DD') AS decision_date, a.nature, a.matieres, a.published_objet,
              r.row, c.name AS coll_name, c.siret AS coll_siret,
              (SELECT d.id FROM document d WHERE d.act_id = a.id AND d.role = 'main' AND d.published_as IS NOT NULL LIMIT 1) AS main_document_id,
              (SELECT d.pseudonymised_text FROM document d WHERE d.act_id = a.id AND d.role = 'main' LIMIT 1) AS published_text
         FROM act a JOIN deliberation_record r ON r.act_id = a.id LEFT JOIN collectivity c ON c.siren = a.siren
        WHERE a.status = 'published' AND a.nature = 'DE'`,
      siren,
    )) {
      yield {
        actId: r.id,
        siren: r.siren,
        decisionDate: r.decision_date,
        nature: r.nature,
        matieres: r.matieres,
        row: r.row,
        collectivity: { name: r.coll_name ?? r.siren, siret: r.coll_siret },
        publishedObjet: r.published_objet,
        publishedText: r.published_text,
        mainDocumentId: r.main_document_id,
      };
    }
  }

  async *acts(siren: string | null): AsyncGenerator<ActSource> {
    for await (const r of this.pages<DbAct & { coll_name: string | null; numero_interne: string; id_acte: string | null; published_at: Date; documents: ActSource['documents'] | null }>(
      `SELECT a.id, a.siren, to_char(a.decision_date, 'YYYY-MM-DD') AS decision_date, a.nature, a.matieres, a.published_objet,
              a.numero_interne, a.id_acte, a.published_at, c.name AS coll_name,
              (SELECT d.pseudonymised_text FROM document d WHERE d.act_id = a.id AND d.role = 'main' LIMIT 1) AS published_text,
              (SELECT json_agg(json_build_object('id', d.id, 'fileName', d.file_name, 'role', d.role, 'publishedAs', d.published_as) ORDER BY d.position)
                 FROM document d WHERE d.act_id = a.id AND d.published_as IS NOT NULL) AS documents
         FROM act a LEFT JOIN collectivity c ON c.siren = a.siren
        WHERE a.status = 'published'`,
      siren,
    )) {
      yield {
        actId: r.id,
        siren: r.siren,
        collectivityName: r.coll_name ?? r.siren,
        numeroInterne: r.numero_interne,
        idActe: r.id_acte,
        nature: r.nature,
        matieres: r.matieres,
        decisionDate: r.decision_date,
        publishedAt: r.published_at,
        publishedObjet: r.published_objet,
        publishedText: r.published_text,
        documents: r.documents ?? [],
      };
    }
  }

  /** Publishable rows (the validator accepted them at conversion) of published budgets. */
  async *budgetRows(dataset: 'budget' | 'subventions', siren: string | null): AsyncGenerator<BudgetRowSource> {
    let after = '';
    for (;;) {
      const params: unknown[] = [dataset, after, PAGE];
      const bySiren = siren ? `AND b.siren = $${params.push(siren)}` : '';
      const rows = (await this.dataSource.query(
        `SELECT b.budget_key || '#' || lpad(r.position::text, 6, '0') AS key, b.siren, b.year, r.row
           FROM budget_row r JOIN budget b ON b.id = r.budget_id
          WHERE r.dataset = $1 AND r.errors IS NULL AND b.status = 'published' ${bySiren}
            AND (b.budget_key || '#' || lpad(r.position::text, 6, '0')) COLLATE "C" > $2
          ORDER BY (b.budget_key || '#' || lpad(r.position::text, 6, '0')) COLLATE "C" LIMIT $3`,
        params,
      )) as BudgetRowSource[];
      yield* rows;
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1].key;
    }
  }

  /** Published rows of published subventions CSV files (keys `subvention-<file id>#<position>`). */
  subventionFileRows(siren: string | null): AsyncGenerator<BudgetRowSource> {
    return new SubventionStore(this.dataSource, new AuditLog(this.dataSource)).publishedRows({ siren: siren ?? undefined });
  }

  /** Keyset pages over acts (by id) for a query whose FROM aliases the act as `a`. */
  private async *pages<T extends { id: string }>(select: string, siren: string | null): AsyncGenerator<T> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const params: unknown[] = [after, PAGE];
      const bySiren = siren ? `AND a.siren = $${params.push(siren)}` : '';
      const rows = (await this.dataSource.query(`${select} AND a.id > $1 ${bySiren} ORDER BY a.id LIMIT $2`, params)) as T[];
      yield* rows;
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1].id;
    }
  }
}

interface DbAct {
  id: string;
  siren: string;
  decision_date: string;
  nature: string;
  matieres: number[];
  published_objet: string | null;
  published_text: string | null;
}
