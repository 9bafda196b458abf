import { iri, text, toJsonLdDocument, toTurtle, typed, type GraphNode, type LiteralValue, type Value } from './rdf-graph';
import type { CatalogueDataset, CatalogueDistribution, CatalogueInfo, CataloguePage } from './types';
import {
  EU_FILE_TYPES,
  expand,
  HVD_CATEGORY_STATISTICS,
  HVD_LEGISLATION,
  IANA_MEDIA_TYPES,
  LANGUAGE_FR,
  LICENCE_OUVERTE_2,
  SIREN_DIRECTORY,
  type CompactIri,
} from './vocabulary';

export type CatalogueFormat = 'jsonld' | 'ttl';

/** The catalogue as DCAT-AP 2/3 (with HVD properties) in JSON-LD, one page of datasets. */
export function toDcatJsonLd(info: CatalogueInfo, datasets: CatalogueDataset[], page: CataloguePage): Record<string, unknown> {
  return toJsonLdDocument(catalogueGraph(info, datasets, page, 'jsonld'));
}

/** The same graph as {@link toDcatJsonLd}, in Turtle. */
export function toDcatTurtle(info: CatalogueInfo, datasets: CatalogueDataset[], page: CataloguePage): string {
  return toTurtle(catalogueGraph(info, datasets, page, 'ttl'));
}

export const catalogueIri = (baseUrl: string): string => `${baseUrl}/catalog`;
export const datasetIri = (baseUrl: string, datasetId: string): string => `${baseUrl}/datasets/${encodeURIComponent(datasetId)}`;
/** The catalogue routes: `/catalog.jsonld?page=2`, `/catalog.ttl?page=2`. */
export const cataloguePageUrl = (baseUrl: string, format: CatalogueFormat, page: number): string => `${baseUrl}/catalog.${format}?page=${page}`;

/** Pages run from 1; an empty catalogue still has one (empty) page. */
export function lastPage({ pageSize, totalItems }: CataloguePage): number {
  return Math.max(1, Math.ceil(totalItems / Math.max(1, pageSize)));
}

function catalogueGraph(info: CatalogueInfo, datasets: CatalogueDataset[], page: CataloguePage, format: CatalogueFormat): GraphNode[] {
  const catalogue: GraphNode = {
    id: catalogueIri(info.baseUrl),
    types: ['dcat:Catalog'],
    props: [
      ['dct:title', text(info.title)],
      ['dct:description', text(info.description)],
      ['dct:publisher', agent(info.publisher)],
      ['foaf:homepage', iri(info.homepage)],
      ['dct:language', iri(LANGUAGE_FR)],
      ['dct:license', licence()],
      ...datasets.map((d): [CompactIri, Value] => ['dcat:dataset', dataset(info, d)]),
    ],
  };
  const latest = datasets.map((d) => d.modified).sort().at(-1);
  if (latest) catalogue.props.push(['dct:modified', when(latest)]);
  return [catalogue, paging(info.baseUrl, page, format)];
}

function dataset(info: CatalogueInfo, d: CatalogueDataset): GraphNode {
  const node: GraphNode = {
    id: datasetIri(info.baseUrl, d.id),
    types: ['dcat:Dataset'],
    props: [
      ['dct:identifier', { value: d.id }],
      ['dct:title', text(d.title)],
      ['dct:description', text(d.description)],
      ...d.keywords.map((k): [CompactIri, Value] => ['dcat:keyword', text(k)]),
      ['dct:publisher', agent(d.publisher)],
      ['dct:license', licence()],
      ['dct:language', iri(LANGUAGE_FR)],
      ['dct:issued', when(d.issued)],
      ['dct:modified', when(d.modified)],
      ['dcat:landingPage', iri(d.landingPage)],
    ],
  };
  const add = (predicate: CompactIri, value: Value) => node.props.push([predicate, value]);
  if (d.spatial) {
    const location: GraphNode = { types: ['dct:Location'], props: [['skos:prefLabel', text(d.spatial.label)]] };
    add('dct:spatial', d.spatial.uri ? { ...location, id: d.spatial.uri } : location);
  }
  if (d.temporal) {
    add('dct:temporal', {
      types: ['dct:PeriodOfTime'],
      props: [
        ['dcat:startDate', when(d.temporal.start)],
        ['dcat:endDate', when(d.temporal.end)],
      ],
    });
  }
  if (d.conformsTo) add('dct:conformsTo', standard(d.conformsTo));
  if (d.latestVersion !== null) add('owl:versionInfo', { value: String(d.latestVersion) });
  if (d.highValue) {
    add('dcatap:applicableLegislation', iri(HVD_LEGISLATION));
    add('dcatap:hvdCategory', iri(HVD_CATEGORY_STATISTICS));
  }
  for (const dist of d.distributions) add('dcat:distribution', distribution(node.id!, d, dist));
  return node;
}

function distribution(datasetId: string, d: CatalogueDataset, dist: CatalogueDistribution): GraphNode {
  const node: GraphNode = {
    id: `${datasetId}/distributions/${encodeURIComponent(dist.id)}`,
    types: ['dcat:Distribution'],
    props: [
      ['dct:identifier', { value: dist.id }],
      ['dct:title', text(dist.title)],
      ['dcat:downloadURL', iri(dist.downloadUrl)],
      ['dcat:accessURL', iri(dist.accessUrl)],
      // Parameters (charset) are not part of the IANA media type's identity.
      ['dcat:mediaType', iri(IANA_MEDIA_TYPES + dist.mediaType.split(';')[0].trim().toLowerCase())],
      ['dct:format', iri(EU_FILE_TYPES[dist.format])],
      ['dct:license', licence()],
      ['dct:modified', when(dist.modified)],
    ],
  };
  if (dist.byteSize !== null) node.props.push(['dcat:byteSize', typed(dist.byteSize, 'xsd:nonNegativeInteger')]);
  if (dist.sha256) {
    node.props.push([
      'spdx:checksum',
      {
        types: ['spdx:Checksum'],
        props: [
          ['spdx:algorithm', iri(expand('spdx:checksumAlgorithm_sha256'))],
          ['spdx:checksumValue', typed(dist.sha256.toLowerCase(), 'xsd:hexBinary')],
        ],
      },
    ]);
  }
  if (d.conformsTo) node.props.push(['dct:conformsTo', standard(d.conformsTo)]);
  if (d.highValue) node.props.push(['dcatap:applicableLegislation', iri(HVD_LEGISLATION)]);
  return node;
}

/** Hydra paging as ckanext-dcat writes it, so DCAT harvesters (udata, CKAN) follow the pages. */
function paging(baseUrl: string, page: CataloguePage, format: CatalogueFormat): GraphNode {
  const url = (n: number) => iri(cataloguePageUrl(baseUrl, format, n));
  const last = lastPage(page);
  const node: GraphNode = {
    id: cataloguePageUrl(baseUrl, format, page.page),
    types: ['hydra:PagedCollection'],
    props: [
      ['hydra:totalItems', typed(page.totalItems, 'xsd:integer')],
      ['hydra:itemsPerPage', typed(page.pageSize, 'xsd:integer')],
      ['hydra:firstPage', url(1)],
      ['hydra:lastPage', url(last)],
    ],
  };
  if (page.page > 1) node.props.push(['hydra:previousPage', url(Math.min(page.page - 1, last))]);
  if (page.page < last) node.props.push(['hydra:nextPage', url(page.page + 1)]);
  return node;
}

function agent(publisher: { name: string; url?: string; siren?: string }): GraphNode {
  const node: GraphNode = { types: ['foaf:Agent'], props: [['foaf:name', { value: publisher.name }]] };
  if (publisher.siren) {
    node.id = SIREN_DIRECTORY + publisher.siren;
    node.props.push(['dct:identifier', { value: publisher.siren }]);
  }
  if (publisher.url) node.props.push(['foaf:homepage', iri(publisher.url)]);
  return node;
}

function licence(): GraphNode {
  return {
    id: LICENCE_OUVERTE_2,
    types: ['dct:LicenseDocument'],
    props: [
      ['dct:title', { value: 'Licence Ouverte / Open Licence 2.0' }],
      ['dct:type', iri('http://purl.org/adms/licencetype/Attribution')],
    ],
  };
}

function standard(schema: { title: string; url: string }): GraphNode {
  return { id: schema.url, types: ['dct:Standard'], props: [['dct:title', { value: schema.title }]] };
}

/** A date-time as xsd:dateTime; a bare date (YYYY-MM-DD) as xsd:date. */
function when(value: string): LiteralValue {
  return typed(value, /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'xsd:date' : 'xsd:dateTime');
}
