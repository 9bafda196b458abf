import { Inject, Injectable } from '@nestjs/common';
import { CodedError } from '@openactes/domain';
import { DATASET_KINDS, datasetTitle, encodeDataset, DATASET_MEDIA_TYPES, type DatasetFormat } from '@openactes/formats';
import { DatasetStore, parseDatasetId, TenantStore, type DatasetRow, type DatasetVersionRow, type RecordFilter } from '@openactes/persistence';
import type { Request, Response } from 'express';
import { AppSettings, type Settings } from '../common/app-settings';
import { drainedOrClosed } from '../common/csv-response';
import { LICENCE, type DatasetChangesDto, type DatasetDto, type DatasetPageDto, type DatasetRecordPageDto, type DatasetVersionDto } from './dataset-api.dto';

/** The reusers' side of the datasets: what exists, their versions, their rows and their files. */
@Injectable()
export class DatasetApiService {
  constructor(
    private readonly datasets: DatasetStore,
    private readonly tenants: TenantStore,
    @Inject(AppSettings) private readonly settings: Settings,
  ) {}

  async catalogue(filter: { type?: string; siren?: string }, page: number, pageSize: number): Promise<DatasetPageDto> {
    const type = filter.type as DatasetRow['type'] | undefined;
    if (type && !(type in DATASET_KINDS)) throw new CodedError('VALIDATION_FAILED', `Unknown dataset type ${type}`, { type, known: Object.keys(DATASET_KINDS) });
    const { items, total } = await this.datasets.list({ type, siren: filter.siren }, (page - 1) * pageSize, pageSize);
    return { items: await Promise.all(items.map((d) => this.describe(d))), total, page, pageSize, licence: { ...LICENCE } };
  }

  async dataset(id: string): Promise<DatasetDto> {
    return this.describe(await this.published(id));
  }

  async versions(id: string): Promise<DatasetVersionDto[]> {
    await this.published(id);
    return (await this.datasets.versions(id)).map((v) => this.versionDto(v));
  }

  /**
   * Streams a version's file. Versions are immutable, so their URLs are cached
   * for good; the "latest" URL revalidates (its ETag is the version's hash).
   */
  async sendFile(req: Request, res: Response, id: string, version: number | 'latest', format: DatasetFormat): Promise<void> {
    const dataset = await this.published(id);
    const number = version === 'latest' ? dataset.latestVersion! : version;
    const v = await this.datasets.version(id, number);
    const etag = `"${format === 'csv' ? v.csvSha256 : v.jsonSha256}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Last-Modified', v.createdAt.toUTCString());
    res.setHeader('Cache-Control', version === 'latest' ? 'public, max-age=60, must-revalidate' : 'public, max-age=31536000, immutable');
    res.setHeader('Link', `<${LICENCE.url}>; rel="license"`);
    if (version === 'latest') res.setHeader('Content-Location', this.links(id).version(number, format));
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    res.status(200);
    res.setHeader('Content-Type', DATASET_MEDIA_TYPES[format]);
    res.setHeader('Content-Length', String(format === 'csv' ? v.csvBytes : v.jsonBytes));
    res.setHeader('Content-Disposition', `inline; filename="${id}-v${number}.${format}"`);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    for await (const chunk of encodeDataset(format, DATASET_KINDS[dataset.type].header, this.datasets.versionRows(id, number))) {
      if (res.destroyed) return;
      if (!res.write(chunk)) await drainedOrClosed(res);
    }
    res.end();
  }

  async records(id: string, filter: RecordFilter, cursor: string | null, limit: number, version?: number): Promise<DatasetRecordPageDto> {
    const dataset = await this.published(id);
    const number = version ?? dataset.latestVersion!;
    await this.datasets.version(id, number);
    const { items, next } = await this.datasets.records(id, number, filter, cursor, limit);
    const query = new URLSearchParams(Object.entries({ ...filter, limit, version: number, cursor: next }).filter(([, v]) => v !== undefined && v !== null).map(([k, v]): [string, string] => [k, String(v)]));
    return { datasetId: id, version: number, items, nextCursor: next, next: next ? `${this.links(id).records}?${query.toString()}` : null };
  }

  async changes(id: string, since: string): Promise<DatasetChangesDto> {
    const dataset = await this.published(id);
    const latest = dataset.latestVersion!;
    let from: number;
    if (/^\d+$/.test(since)) from = Math.min(Number(since), latest);
    else if (!Number.isNaN(Date.parse(since))) {
      // The version that was the latest at that time (0 when the dataset did not exist yet).
      const at = new Date(since).getTime();
      from = (await this.datasets.versions(id)).find((v) => v.createdAt.getTime() <= at)?.number ?? 0;
    } else throw new CodedError('VALIDATION_FAILED', 'since must be a version number or an ISO 8601 date', { since });
    return { datasetId: id, ...(await this.datasets.changes(id, from, latest)) };
  }

  links(id: string) {
    const base = `${this.settings.publicBaseUrl}/api/v1/datasets/${id}`;
    return {
      self: base,
      csv: `${base}/latest.csv`,
      json: `${base}/latest.json`,
      versions: `${base}/versions`,
      records: `${base}/records`,
      changes: `${base}/changes`,
      feed: `${base}/feed.atom`,
      version: (number: number, format: DatasetFormat) => `${base}/versions/${number}.${format}`,
    };
  }

  versionDto(v: DatasetVersionRow): DatasetVersionDto {
    const links = this.links(v.datasetId);
    return {
      number: v.number, createdAt: v.createdAt.toISOString(), rowCount: v.rowCount, added: v.added, removed: v.removed,
      quarantined: v.quarantined, quarantine: v.quarantine, csvSha256: v.csvSha256!, csvBytes: v.csvBytes!, jsonSha256: v.jsonSha256!, jsonBytes: v.jsonBytes!,
      csv: links.version(v.number, 'csv'), json: links.version(v.number, 'json'),
    };
  }

  /** A dataset reusers can see: it has a sealed version. */
  async published(id: string): Promise<DatasetRow> {
    const dataset = parseDatasetId(id) ? await this.datasets.find(id) : null;
    if (!dataset || dataset.latestVersion === null) throw new CodedError('NOT_FOUND', `No published dataset ${id}`, { datasetId: id });
    return dataset;
  }

  async describe(d: DatasetRow): Promise<DatasetDto> {
    const kind = DATASET_KINDS[d.type];
    const { version: _version, self: _self, ...links } = this.links(d.id);
    const latest = d.latestVersion === null ? null : this.versionDto(await this.datasets.version(d.id, d.latestVersion));
    return {
      id: d.id,
      type: d.type,
      siren: d.siren,
      title: datasetTitle(d.type, d.siren ? await this.collectivityName(d.siren) : null),
      description: kind.description,
      keywords: kind.keywords,
      licence: { ...LICENCE },
      schema: kind.schema && { id: kind.schema.id, title: kind.schema.title, url: kind.schema.url },
      fields: kind.header,
      createdAt: d.createdAt.toISOString(),
      modifiedAt: d.modifiedAt.toISOString(),
      latestVersion: latest,
      links,
    };
  }

  private async collectivityName(siren: string): Promise<string> {
    return (await this.tenants.collectivity(siren))?.name ?? siren;
  }
}
