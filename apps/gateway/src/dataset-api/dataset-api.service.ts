import { Inject, Injectable } from '@nestjs/common';
import { CodedError } from '@openactes/domain';
import { coalesce, DATASET_KINDS, datasetTitle, encodeDataset, publicUrls, DATASET_MEDIA_TYPES, type DatasetFormat } from '@openactes/formats';
import { DatasetStore, parseDatasetId, PortalStore, TenantStore, type DatasetRow, type DatasetVersionRow, type RecordFilter } from '@openactes/persistence';
import { toAtomFeed, toDcatJsonLd, toDcatTurtle, type CatalogueDataset, type CatalogueInfo } from '@openactes/catalogue';
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
    private readonly portals: PortalStore,
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
    for await (const chunk of coalesce(encodeDataset(format, DATASET_KINDS[dataset.type].header, this.datasets.versionRows(id, number)))) {
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
    return publicUrls(this.settings.publicBaseUrl).dataset(id);
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
      portals: await this.portals.statesOf(d.id),
    };
  }

  /** The DCAT-AP catalogue, a page at a time (datasets with a published version). */
  async dcat(format: 'jsonld' | 'ttl', page: number, pageSize: number): Promise<string> {
    const { items, total } = await this.datasets.list({}, (page - 1) * pageSize, pageSize);
    const datasets = await Promise.all(items.map((d) => this.catalogueDataset(d)));
    const info = this.catalogueInfo();
    const paging = { page, pageSize, totalItems: total };
    return format === 'ttl' ? toDcatTurtle(info, datasets, paging) : JSON.stringify(toDcatJsonLd(info, datasets, paging));
  }

  /** Atom feed of a dataset's versions, newest first. */
  async feed(id: string): Promise<string> {
    const dataset = await this.published(id);
    const versions = (await this.datasets.versions(id)).map((v) => {
      const dto = this.versionDto(v);
      return { number: v.number, createdAt: dto.createdAt, rowCount: v.rowCount, added: v.added, removed: v.removed, sha256: dto.csvSha256, csvUrl: dto.csv, jsonUrl: dto.json };
    });
    return toAtomFeed({ dataset: await this.catalogueDataset(dataset), versions, selfUrl: this.links(id).feed, updated: versions[0]?.createdAt ?? dataset.modifiedAt.toISOString() });
  }

  private catalogueInfo(): CatalogueInfo {
    const { catalogue, publicBaseUrl } = this.settings;
    return { baseUrl: publicBaseUrl, title: catalogue.title, description: catalogue.description, publisher: { name: catalogue.publisherName }, homepage: publicBaseUrl };
  }

  private async catalogueDataset(d: DatasetRow): Promise<CatalogueDataset> {
    const kind = DATASET_KINDS[d.type];
    const name = d.siren ? await this.collectivityName(d.siren) : null;
    const latest = d.latestVersion === null ? null : await this.datasets.version(d.id, d.latestVersion);
    const links = this.links(d.id);
    const distribution = (format: 'csv' | 'json') => ({
      id: `${d.id}-${format}`,
      title: `${datasetTitle(d.type, name)} (${format.toUpperCase()})`,
      format,
      mediaType: format === 'csv' ? 'text/csv' : 'application/json',
      downloadUrl: links[format],
      accessUrl: links.self,
      byteSize: latest ? (format === 'csv' ? latest.csvBytes : latest.jsonBytes) : null,
      sha256: latest ? (format === 'csv' ? latest.csvSha256 : latest.jsonSha256) : null,
      modified: (latest?.createdAt ?? d.modifiedAt).toISOString(),
    });
    return {
      id: d.id,
      type: d.type,
      title: datasetTitle(d.type, name),
      description: kind.description,
      keywords: kind.keywords,
      siren: d.siren,
      publisher: d.siren ? { name: name ?? d.siren, siren: d.siren } : { name: this.settings.catalogue.publisherName },
      spatial: name ? { label: name } : null,
      temporal: latest?.firstDate && latest.lastDate ? { start: latest.firstDate, end: latest.lastDate } : null,
      issued: d.createdAt.toISOString(),
      modified: (latest?.createdAt ?? d.modifiedAt).toISOString(),
      conformsTo: kind.schema && { title: kind.schema.title, url: kind.schema.url },
      highValue: kind.highValue,
      landingPage: links.self,
      latestVersion: d.latestVersion,
      distributions: latest ? [distribution('csv'), distribution('json')] : [],
    };
  }

  private async collectivityName(siren: string): Promise<string> {
    return (await this.tenants.collectivity(siren))?.name ?? siren;
  }
}
