import type { DatasetRowCounts } from '@openactes/domain';
import {
  fieldNames,
  partitionRows,
  SCDL_BUDGET_SCHEMA,
  SCDL_SUBVENTIONS_SCHEMA,
  totemToScdlBudget,
  totemToScdlSubventions,
  type AccountPlan,
  type TableSchema,
  type TotemDocument,
} from '@openactes/formats';
import type { BudgetConversion, BudgetDataset, NewBudgetRow } from '@openactes/persistence';

/**
 * The SCDL budget and subventions rows of a TOTEM document, each checked by
 * the schema's validator: a row it refuses is kept with its errors
 * (quarantined), never published, never dropped.
 */
export function buildBudgetDatasets(doc: TotemDocument, plan: AccountPlan): BudgetConversion {
  const budget = totemToScdlBudget(doc, plan);
  const subventions = totemToScdlSubventions(doc);
  const budgetRows = validated('budget', SCDL_BUDGET_SCHEMA, budget.rows);
  const subventionRows = validated('subventions', SCDL_SUBVENTIONS_SCHEMA, subventions.rows);
  const dropped = (reason: string) => budget.dropped.filter((d) => d.reason === reason).length;
  return {
    rows: [...budgetRows, ...subventionRows],
    counts: {
      budget: { ...countsOf(budgetRows, doc.lines.length), dropped: { calculated: dropped('calculated'), noNature: dropped('no-nature') } },
      subventions: countsOf(subventionRows, doc.concours.length),
    },
    warnings: [...budget.warnings, ...subventions.warnings],
  };
}

function validated(dataset: BudgetDataset, schema: TableSchema, records: readonly Record<string, string>[]): NewBudgetRow[] {
  const header = fieldNames(schema);
  const partition = partitionRows(schema, header, records.map((record) => header.map((name) => record[name] ?? '')));
  const errorsAt = new Map(
    partition.quarantined.map(({ row, errors }) => [row, (errors.length ? errors : partition.tableErrors).map(({ column, code, message }) => ({ column, code, message }))]),
  );
  return records.map((row, index) => ({ dataset, position: index + 1, row: { ...row }, errors: errorsAt.get(index + 1) ?? null }));
}

function countsOf(rows: readonly NewBudgetRow[], read: number): DatasetRowCounts {
  const quarantineReasons: Record<string, number> = {};
  for (const { errors } of rows) {
    for (const reason of new Set((errors ?? []).map((e) => `${e.column ?? 'row'}:${e.code}`))) quarantineReasons[reason] = (quarantineReasons[reason] ?? 0) + 1;
  }
  const quarantined = rows.filter((r) => r.errors !== null).length;
  return { read, published: rows.length - quarantined, quarantined, quarantineReasons };
}
