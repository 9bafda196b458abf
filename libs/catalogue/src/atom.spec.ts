import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { toAtomFeed } from './atom';
import type { CatalogueDataset, DatasetVersionEntry } from './types';

const BASE = 'https://opendata.megalis.example';
const dataset: CatalogueDataset = {
  id: 'deliberations-213500000',
  type: 'deliberations',
  title: 'Délibérations de "Saint-Malo" <ville> & l\'agglo',
  description: 'Actes\npubliés',
  keywords: [],
  siren: '213500000',
  publisher: { name: 'Commune de Saint-Malo & co', siren: '213500000' },
  spatial: null,
  temporal: null,
  issued: '2025-06-01T00:00:00Z',
  modified: '2026-03-05T10:00:00Z',
  conformsTo: null,
  highValue: false,
  landingPage: `${BASE}/datasets/deliberations-213500000`,
  latestVersion: 3,
  distributions: [],
};
const version = (number: number, createdAt: string): DatasetVersionEntry => ({
  number,
  createdAt,
  rowCount: 100 + number,
  added: number * 2,
  removed: number - 1,
  sha256: String(number).repeat(64).slice(0, 64),
  csvUrl: `${BASE}/api/v1/datasets/deliberations-213500000/versions/${number}.csv?download=1&lang=fr`,
  jsonUrl: `${BASE}/api/v1/datasets/deliberations-213500000/versions/${number}.json`,
});
// Given out of order: the feed sorts newest first.
const versions = [version(2, '2026-02-01T09:00:00Z'), version(3, '2026-03-05T10:00:00Z'), version(1, '2026-01-10')];
const selfUrl = `${BASE}/api/v1/datasets/deliberations-213500000/feed.atom`;

const parse = (xml: string) =>
  new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (name) => ['entry', 'link'].includes(name) }).parse(xml) as {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed XML, checked field by field below
    feed: Record<string, any>;
  };

describe(toAtomFeed.name, () => {
  const xml = toAtomFeed({ dataset, versions, selfUrl, updated: '2026-03-05T10:00:00Z' });
  const { feed } = parse(xml);

  it('is well-formed Atom 1.0 with the feed metadata', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe('tag:opendata.megalis.example,2025-06-01:dataset/deliberations-213500000');
    expect(feed.title).toBe(dataset.title);
    expect(feed.updated).toBe('2026-03-05T10:00:00Z');
    expect(feed.author.name).toBe('Commune de Saint-Malo & co');
    expect(feed.link).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ '@_rel': 'self', '@_href': selfUrl, '@_type': 'application/atom+xml' }),
        expect.objectContaining({ '@_rel': 'alternate', '@_href': dataset.landingPage }),
      ]),
    );
  });

  it('has one entry per version, newest first, each with a stable id, a summary and its CSV and JSON', () => {
    expect(feed.entry).toHaveLength(3);
    expect(feed.entry.map((e: { id: string }) => e.id)).toEqual([3, 2, 1].map((n) => `${feed.id}/version/${n}`));
    const [newest, , oldest] = feed.entry;
    expect(newest.updated).toBe('2026-03-05T10:00:00Z');
    expect(oldest.updated).toBe('2026-01-10T00:00:00Z');
    expect(newest.summary).toContain('103 rows (6 added, 2 removed)');
    expect(newest.link.map((l: Record<string, string>) => [l['@_type'], l['@_href']])).toEqual([
      ['text/csv', versions[1].csvUrl],
      ['application/json', versions[1].jsonUrl],
    ]);
  });

  it('escapes markup characters in text and attributes', () => {
    expect(xml).toContain('&quot;Saint-Malo&quot; &lt;ville&gt; &amp; l&apos;agglo');
    expect(xml).toContain('?download=1&amp;lang=fr');
    expect(feed.entry[0].title).toBe(`${dataset.title}, version 3`);
  });

  it('is a valid empty feed for a dataset without versions', () => {
    const empty = toAtomFeed({ dataset, versions: [], selfUrl, updated: dataset.modified });
    expect(XMLValidator.validate(empty)).toBe(true);
    expect(parse(empty).feed.entry).toBeUndefined();
  });
});
