import * as jsonld from 'jsonld';
import { DataFactory, Parser, type Quad } from 'n3';
import { cataloguePageUrl, toDcatJsonLd, toDcatTurtle } from './dcat';
import type { CatalogueDataset, CatalogueInfo, CataloguePage } from './types';
import { expand, HVD_LEGISLATION, LICENCE_OUVERTE_2, type CompactIri } from './vocabulary';

const BASE = 'https://opendata.megalis.example';
const info: CatalogueInfo = {
  baseUrl: BASE,
  title: 'Catalogue Mégalis Bretagne',
  description: 'Actes, budgets et marchés publics des collectivités bretonnes.',
  publisher: { name: 'Syndicat mixte Mégalis Bretagne', url: 'https://www.megalis.bzh', siren: '253514491' },
  homepage: `${BASE}/`,
};

const TRICKY_TITLE = 'Délibérations de "Saint-Malo" <2024> & l\'agglo\nseconde ligne \\ fin';

function distribution(datasetId: string, format: 'csv' | 'json') {
  return {
    id: `${datasetId}-${format}`,
    title: `${datasetId} (${format.toUpperCase()})`,
    format,
    mediaType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json',
    downloadUrl: `${BASE}/api/v1/datasets/${datasetId}/latest.${format}`,
    accessUrl: `${BASE}/api/v1/datasets/${datasetId}`,
    byteSize: format === 'csv' ? 48_213 : null,
    sha256: format === 'csv' ? 'A1'.repeat(32) : null,
    modified: '2026-03-05T10:15:00Z',
  };
}

const budget: CatalogueDataset = {
  id: 'budget',
  type: 'budget',
  title: 'Budgets des collectivités',
  description: 'SCDL budget, toutes collectivités.',
  keywords: ['budget', 'finances publiques'],
  siren: null,
  publisher: { name: 'Syndicat mixte Mégalis Bretagne', siren: '253514491' },
  spatial: { label: 'Bretagne', uri: 'http://id.insee.fr/geo/region/53' },
  temporal: { start: '2022-01-01', end: '2025-12-31' },
  issued: '2025-01-10T08:00:00Z',
  modified: '2026-03-05T10:15:00Z',
  conformsTo: { title: 'SCDL budget 0.8.3', url: 'https://schema.data.gouv.fr/scdl/budget/0.8.3/' },
  highValue: true,
  landingPage: `${BASE}/datasets/budget`,
  latestVersion: 12,
  distributions: [distribution('budget', 'csv'), distribution('budget', 'json')],
};
const deliberations: CatalogueDataset = {
  id: 'deliberations-213500000',
  type: 'deliberations',
  title: TRICKY_TITLE,
  description: 'Ligne 1\nLigne 2 "citée"',
  keywords: ['délibérations'],
  siren: '213500000',
  publisher: { name: 'Commune de Saint-Malo', siren: '213500000' },
  spatial: { label: 'Saint-Malo' },
  temporal: null,
  issued: '2025-06-01T00:00:00Z',
  modified: '2026-02-01T12:00:00+01:00',
  conformsTo: { title: 'SCDL délibérations 2.1.5', url: 'https://schema.data.gouv.fr/scdl/deliberations/2.1.5/' },
  highValue: false,
  landingPage: `${BASE}/datasets/deliberations-213500000`,
  latestVersion: 3,
  distributions: [distribution('deliberations-213500000', 'csv')],
};
const unpublished: CatalogueDataset = {
  id: 'procurement-213500001',
  type: 'procurement',
  title: 'Marchés publics',
  description: 'Aucune version encore.',
  keywords: [],
  siren: '213500001',
  publisher: { name: 'Commune nouvelle' },
  spatial: null,
  temporal: null,
  issued: '2026-03-01T00:00:00Z',
  modified: '2026-03-01T00:00:00Z',
  conformsTo: null,
  highValue: false,
  landingPage: `${BASE}/datasets/procurement-213500001`,
  latestVersion: null,
  distributions: [],
};
const DATASETS = [budget, deliberations, unpublished];
const PAGE: CataloguePage = { page: 2, pageSize: 3, totalItems: 8 };

const P = (curie: CompactIri) => expand(curie);
const RDF_TYPE = P('rdf:type');

function parseTurtle(turtle: string): Quad[] {
  return new Parser({ format: 'text/turtle' }).parse(turtle);
}

async function parseJsonLd(doc: object): Promise<Quad[]> {
  const nquads = (await jsonld.toRDF(doc as jsonld.JsonLdDocument, { format: 'application/n-quads' })) as unknown as string;
  return new Parser({ format: 'N-Quads' }).parse(nquads);
}

/** One graph as a set of keyed triples, blank node labels erased. */
function keys(quads: Quad[]): Set<string> {
  const term = (t: Quad['subject'] | Quad['object']) =>
    t.termType === 'BlankNode' ? '_' : t.termType === 'Literal' ? JSON.stringify([t.value, t.language, t.datatype.value]) : `<${t.value}>`;
  return new Set(quads.map((q) => `${term(q.subject)} <${q.predicate.value}> ${term(q.object)}`));
}

function perPredicate(quads: Quad[]): Record<string, number> {
  const unique = new Map(quads.map((q) => [`${q.subject.termType}:${q.subject.value} ${q.predicate.value} ${q.object.termType}:${q.object.value}:${q.object.termType === 'Literal' ? q.object.datatype.value : ''}`, q]));
  const counts: Record<string, number> = {};
  for (const q of unique.values()) counts[q.predicate.value] = (counts[q.predicate.value] ?? 0) + 1;
  return counts;
}

const iriSubjects = (quads: Quad[]) => new Set(quads.filter((q) => q.subject.termType === 'NamedNode').map((q) => q.subject.value));
const objects = (quads: Quad[], subject: string, predicate: CompactIri) =>
  quads.filter((q) => q.subject.value === subject && q.predicate.value === P(predicate)).map((q) => q.object);
const subjectsOfType = (quads: Quad[], type: CompactIri) =>
  quads.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === P(type)).map((q) => q.subject.value);

/** The paging links name their own format (`.ttl` / `.jsonld`); everything else is the same resource. */
function sameFormat(quads: Quad[]): Quad[] {
  const json = cataloguePageUrl(BASE, 'jsonld', 0).replace(/0$/, '');
  const ttl = cataloguePageUrl(BASE, 'ttl', 0).replace(/0$/, '');
  const fix = <T extends Quad['subject'] | Quad['object']>(t: T): T =>
    (t.termType === 'NamedNode' && t.value.startsWith(json) ? DataFactory.namedNode(ttl + t.value.slice(json.length)) : t) as T;
  return quads.map((q) => DataFactory.quad(fix(q.subject), q.predicate, fix(q.object)));
}

describe('DCAT-AP catalogue', () => {
  let turtle: Quad[];
  let fromJsonLd: Quad[];

  beforeAll(async () => {
    turtle = parseTurtle(toDcatTurtle(info, DATASETS, PAGE));
    fromJsonLd = sameFormat(await parseJsonLd(toDcatJsonLd(info, DATASETS, PAGE)));
  });

  it('gives the same graph in Turtle and in JSON-LD (inline context, no remote fetch)', () => {
    const doc = toDcatJsonLd(info, DATASETS, PAGE);
    expect(typeof doc['@context']).toBe('object');
    expect(JSON.stringify(doc['@context'])).not.toMatch(/"https?:\/\/[^"]*context/);
    expect(turtle.length).toBeGreaterThan(100);
    expect(perPredicate(fromJsonLd)).toEqual(perPredicate(turtle));
    expect(iriSubjects(fromJsonLd)).toEqual(iriSubjects(turtle));
    expect(keys(fromJsonLd)).toEqual(keys(turtle));
  });

  it('describes the catalogue with its mandatory properties and lists every dataset of the page', () => {
    const [catalogue] = subjectsOfType(turtle, 'dcat:Catalog');
    expect(catalogue).toBe(`${BASE}/catalog`);
    for (const p of ['dct:title', 'dct:description', 'dct:publisher', 'foaf:homepage', 'dct:language'] as CompactIri[]) {
      expect(objects(turtle, catalogue, p)).toHaveLength(1);
    }
    const [publisher] = objects(turtle, catalogue, 'dct:publisher');
    expect(objects(turtle, publisher.value, 'rdf:type').map((o) => o.value)).toEqual([P('foaf:Agent')]);
    expect(objects(turtle, publisher.value, 'foaf:name')[0].value).toBe(info.publisher.name);
    expect(objects(turtle, catalogue, 'dcat:dataset').map((o) => o.value).sort()).toEqual(subjectsOfType(turtle, 'dcat:Dataset').sort());
    expect(subjectsOfType(turtle, 'dcat:Dataset')).toHaveLength(DATASETS.length);
  });

  it.each(DATASETS.map((d) => [d.id, d] as const))('gives dataset %s the DCAT-AP properties', (_, d) => {
    for (const quads of [turtle, fromJsonLd]) {
      const [subject] = subjectsOfType(quads, 'dcat:Dataset').filter((s) => objects(quads, s, 'dct:identifier')[0]?.value === d.id);
      expect(subject).toBeDefined();
      for (const p of ['dct:title', 'dct:description', 'dct:publisher', 'dct:license', 'dct:issued', 'dct:modified', 'dcat:landingPage'] as CompactIri[]) {
        expect([p, objects(quads, subject, p).length]).toEqual([p, 1]);
      }
      expect(objects(quads, subject, 'dct:title')[0]).toMatchObject({ value: d.title, language: 'fr' });
      expect(objects(quads, subject, 'dct:license')[0].value).toBe(LICENCE_OUVERTE_2);
      for (const p of ['dct:issued', 'dct:modified'] as CompactIri[]) {
        expect(objects(quads, subject, p)[0]).toMatchObject({ termType: 'Literal', datatype: expect.objectContaining({ value: P('xsd:dateTime') }) });
      }
      expect(objects(quads, subject, 'dcat:keyword').map((k) => k.value).sort()).toEqual([...d.keywords].sort());
      expect(objects(quads, subject, 'dcat:distribution')).toHaveLength(d.distributions.length);
      expect(objects(quads, subject, 'dcatap:applicableLegislation').map((o) => o.value)).toEqual(d.highValue ? [HVD_LEGISLATION] : []);
      expect(objects(quads, subject, 'dcatap:hvdCategory')).toHaveLength(d.highValue ? 1 : 0);
    }
  });

  it('describes each distribution: download and access URLs, IANA media type, EU file type, size, checksum, licence', () => {
    const [dist] = subjectsOfType(turtle, 'dcat:Distribution').filter((s) => objects(turtle, s, 'dct:identifier')[0].value === 'budget-csv');
    expect(objects(turtle, dist, 'dcat:downloadURL')[0].value).toBe(`${BASE}/api/v1/datasets/budget/latest.csv`);
    expect(objects(turtle, dist, 'dcat:accessURL')[0].value).toBe(`${BASE}/api/v1/datasets/budget`);
    expect(objects(turtle, dist, 'dcat:mediaType')[0].value).toBe('https://www.iana.org/assignments/media-types/text/csv');
    expect(objects(turtle, dist, 'dct:format')[0].value).toBe('http://publications.europa.eu/resource/authority/file-type/CSV');
    expect(objects(turtle, dist, 'dcat:byteSize')[0]).toMatchObject({ value: '48213', datatype: expect.objectContaining({ value: P('xsd:nonNegativeInteger') }) });
    const [licence] = objects(turtle, dist, 'dct:license');
    expect(objects(turtle, licence.value, 'rdf:type').map((o) => o.value)).toEqual([P('dct:LicenseDocument')]);
    const [checksum] = objects(turtle, dist, 'spdx:checksum');
    expect(objects(turtle, checksum.value, 'spdx:algorithm')[0].value).toBe(P('spdx:checksumAlgorithm_sha256'));
    expect(objects(turtle, checksum.value, 'spdx:checksumValue')[0].value).toBe('a1'.repeat(32));

    const [json] = subjectsOfType(turtle, 'dcat:Distribution').filter((s) => objects(turtle, s, 'dct:identifier')[0].value === 'budget-json');
    expect(objects(turtle, json, 'dcat:byteSize')).toEqual([]);
    expect(objects(turtle, json, 'spdx:checksum')).toEqual([]);
    expect(objects(turtle, json, 'dct:format')[0].value).toBe('http://publications.europa.eu/resource/authority/file-type/JSON');
  });

  it('gives a dataset without a version no distribution, no version and no empty values', () => {
    const [subject] = subjectsOfType(turtle, 'dcat:Dataset').filter((s) => objects(turtle, s, 'dct:identifier')[0].value === unpublished.id);
    expect(objects(turtle, subject, 'dcat:distribution')).toEqual([]);
    expect(objects(turtle, subject, 'owl:versionInfo')).toEqual([]);
    expect(objects(turtle, subject, 'dct:spatial')).toEqual([]);
    expect(objects(turtle, subject, 'dct:temporal')).toEqual([]);
    const literals = [...turtle, ...fromJsonLd].filter((q) => q.object.termType === 'Literal').map((q) => q.object.value);
    expect(literals.filter((v) => ['', 'null', 'undefined', 'NaN'].includes(v))).toEqual([]);
  });

  it('keeps quotes, accents, angle brackets and newlines intact through both serialisations', () => {
    for (const quads of [turtle, fromJsonLd]) {
      const titles = quads.filter((q) => q.predicate.value === P('dct:title')).map((q) => q.object.value);
      expect(titles).toContain(TRICKY_TITLE);
      const descriptions = quads.filter((q) => q.predicate.value === P('dct:description')).map((q) => q.object.value);
      expect(descriptions).toContain('Ligne 1\nLigne 2 "citée"');
    }
  });

  it('describes the spatial and temporal coverage and the schema', () => {
    const dataset = `${BASE}/datasets/budget`;
    const [spatial] = objects(turtle, dataset, 'dct:spatial');
    expect(spatial.value).toBe('http://id.insee.fr/geo/region/53');
    expect(objects(turtle, spatial.value, 'skos:prefLabel')[0].value).toBe('Bretagne');
    const [period] = objects(turtle, dataset, 'dct:temporal');
    expect(period.termType).toBe('BlankNode');
    expect(objects(turtle, period.value, 'rdf:type')[0].value).toBe(P('dct:PeriodOfTime'));
    expect(objects(turtle, period.value, 'dcat:startDate')[0]).toMatchObject({ value: '2022-01-01', datatype: expect.objectContaining({ value: P('xsd:date') }) });
    expect(objects(turtle, period.value, 'dcat:endDate')[0].value).toBe('2025-12-31');
    expect(objects(turtle, dataset, 'dct:conformsTo')[0].value).toBe(budget.conformsTo!.url);
  });

  describe('paging (Hydra, as ckanext-dcat)', () => {
    const pagingOf = (page: CataloguePage) => {
      const quads = parseTurtle(toDcatTurtle(info, [], page));
      const [collection] = subjectsOfType(quads, 'hydra:PagedCollection');
      const link = (p: CompactIri) => objects(quads, collection, p).map((o) => o.value);
      return { collection, link };
    };
    const url = (n: number) => cataloguePageUrl(BASE, 'ttl', n);

    it('links a middle page to the first, previous, next and last pages', () => {
      const { collection, link } = pagingOf(PAGE);
      expect(collection).toBe(url(2));
      expect(link('hydra:totalItems')).toEqual(['8']);
      expect(link('hydra:itemsPerPage')).toEqual(['3']);
      expect(link('hydra:firstPage')).toEqual([url(1)]);
      expect(link('hydra:previousPage')).toEqual([url(1)]);
      expect(link('hydra:nextPage')).toEqual([url(3)]);
      expect(link('hydra:lastPage')).toEqual([url(3)]);
    });

    it('has no previous page on the first page and no next page on the last', () => {
      expect(pagingOf({ page: 1, pageSize: 3, totalItems: 8 }).link('hydra:previousPage')).toEqual([]);
      expect(pagingOf({ page: 3, pageSize: 3, totalItems: 8 }).link('hydra:nextPage')).toEqual([]);
      expect(pagingOf({ page: 3, pageSize: 3, totalItems: 9 }).link('hydra:lastPage')).toEqual([url(3)]);
    });

    it('gives an empty catalogue one page', () => {
      const { link } = pagingOf({ page: 1, pageSize: 100, totalItems: 0 });
      expect(link('hydra:lastPage')).toEqual([url(1)]);
      expect(link('hydra:nextPage')).toEqual([]);
    });

    it('points the JSON-LD paging links at the JSON-LD catalogue', async () => {
      const quads = await parseJsonLd(toDcatJsonLd(info, [], PAGE));
      const [collection] = subjectsOfType(quads, 'hydra:PagedCollection');
      expect(collection).toBe(cataloguePageUrl(BASE, 'jsonld', 2));
      expect(objects(quads, collection, 'hydra:nextPage')[0].value).toBe(cataloguePageUrl(BASE, 'jsonld', 3));
    });
  });
});
