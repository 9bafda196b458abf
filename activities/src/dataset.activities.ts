import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { DatasetActivities, DatasetVersionCreated } from '@openactes/contracts';
import { coalesce, DATASET_KINDS, DATASET_MEDIA_TYPES, datasetTitle, encodeDataset, publicUrls, type DatasetFormat } from '@openactes/formats';
import { parseDatasetId, type AuditLog, type DatasetSources, type DatasetStore, type DesiredRecord, type TenantStore } from '@openactes/persistence';
import type { LoadDatasetVersion } from './portal.activities';
import { auditedSteps } from './audited-step';

export interface DatasetActivityDeps {
  datasets: DatasetStore;
  sources: DatasetSources;
  audit: AuditLog;
  publicBaseUrl: string;
}

const ACTOR = 'system:worker';

/** The bytes of a version's file: hashed here with the encoder the gateway serves it with. */
export async function hashVersionFile(datasets: DatasetStore, datasetId: string, version: number, format: DatasetFormat): Promise<{ sha256: string; bytes: number }> {
  const parsed = parseDatasetId(datasetId)!;
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of coalesce(encodeDataset(format, DATASET_KINDS[parsed.type].header, datasets.versionRows(datasetId, version)))) {
    const buffer = Buffer.from(chunk, 'utf8');
    hash.update(buffer);
    bytes += buffer.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

export function createDatasetActivities(deps: DatasetActivityDeps): DatasetActivities {
  const { datasets, audit } = deps;
  const step = auditedSteps<{ datasetId: string }>(audit, ACTOR, 'dataset', (input) => input.datasetId);

  return {
    regenerateDataset: step('dataset.regenerated', async ({ datasetId, changes }): Promise<DatasetVersionCreated | null> => {
      const dataset = await datasets.ensure(datasetId);
      const quarantine = { count: 0, reasons: {} as Record<string, number> };
      async function* publishable(): AsyncGenerator<DesiredRecord> {
        for await (const record of deps.sources.records(datasetId, deps.publicBaseUrl)) {
          if (record.errors.length === 0) {
            const { errors: _errors, ...desired } = record;
            yield desired;
            continue;
          }
          quarantine.count += 1;
          for (const reason of new Set(record.errors.map((e) => `${e.column ?? 'row'}:${e.code}`))) quarantine.reasons[reason] = (quarantine.reasons[reason] ?? 0) + 1;
        }
      }
      const regeneration = await datasets.regenerate(datasetId, publishable(), quarantine);
      if (regeneration.version === null) {
        await audit.append({ actor: ACTOR, action: 'dataset.unchanged', subjectType: 'dataset', subjectId: datasetId, outcome: 'ok', details: { changes, rows: regeneration.rowCount, quarantined: quarantine.count } });
        return null;
      }
      const csv = await hashVersionFile(datasets, datasetId, regeneration.version, 'csv');
      const json = await hashVersionFile(datasets, datasetId, regeneration.version, 'json');
      await datasets.seal(datasetId, regeneration.version, { csvSha256: csv.sha256, csvBytes: csv.bytes, jsonSha256: json.sha256, jsonBytes: json.bytes });
      const version = await datasets.version(datasetId, regeneration.version);
      const urls = publicUrls(deps.publicBaseUrl).dataset(datasetId);
      await audit.append({
        actor: ACTOR, action: 'dataset.version_created', subjectType: 'dataset', subjectId: datasetId, outcome: 'ok',
        details: { version: version.number, changes, rows: version.rowCount, added: version.added, removed: version.removed, quarantined: version.quarantined, quarantine: version.quarantine, csvSha256: csv.sha256 },
      });
      return {
        datasetId, siren: dataset.siren, version: version.number, added: version.added, removed: version.removed, rowCount: version.rowCount,
        createdAt: version.createdAt.toISOString(),
        urls: { csv: urls.version(version.number, 'csv'), json: urls.version(version.number, 'json') },
      };
    }),
  };
}

/** A sealed version as the portals receive it: its metadata and its files, streamed by the same encoder. */
export function datasetVersionLoader(datasets: DatasetStore, tenants: Pick<TenantStore, 'collectivity'>): LoadDatasetVersion {
  return async (datasetId, number) => {
    const dataset = await datasets.get(datasetId);
    const version = await datasets.version(datasetId, number);
    const kind = DATASET_KINDS[dataset.type];
    const name = dataset.siren ? ((await tenants.collectivity(dataset.siren))?.name ?? dataset.siren) : null;
    const file = (format: DatasetFormat) => ({
      key: format,
      fileName: `${datasetId}.${format}`,
      mediaType: DATASET_MEDIA_TYPES[format].split(';')[0],
      byteSize: (format === 'csv' ? version.csvBytes : version.jsonBytes)!,
      sha256: (format === 'csv' ? version.csvSha256 : version.jsonSha256)!,
      open: () => Readable.from(coalesce(encodeDataset(format, kind.header, datasets.versionRows(datasetId, number)))),
    });
    return {
      datasetId,
      siren: dataset.siren,
      type: dataset.type,
      title: datasetTitle(dataset.type, name),
      description: kind.description,
      tags: kind.keywords,
      schema: kind.schema?.id ?? null,
      temporal: version.firstDate && version.lastDate ? { start: version.firstDate, end: version.lastDate } : null,
      version: number,
      files: [file('csv'), file('json')],
    };
  };
}
