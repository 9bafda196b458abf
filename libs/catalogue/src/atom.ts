import type { CatalogueDataset, DatasetVersionEntry } from './types';

export interface AtomFeedInput {
  dataset: CatalogueDataset;
  versions: DatasetVersionEntry[];
  /** The feed's own URL. */
  selfUrl: string;
  /** ISO 8601: when the feed last changed (the newest version, or the dataset's modification). */
  updated: string;
}

/**
 * An Atom 1.0 feed (RFC 4287) of a dataset's versions, newest first: reusers
 * subscribe in any feed reader and see what each version added and removed.
 * Ids are tag: URIs (RFC 4151) minted from the feed's host and the dataset's
 * issue date, so they never change when the feed moves between pages or hosts.
 */
export function toAtomFeed({ dataset, versions, selfUrl, updated }: AtomFeedInput): string {
  const feedId = `tag:${new URL(selfUrl).hostname},${dataset.issued.slice(0, 10)}:dataset/${dataset.id}`;
  const entries = [...versions].sort((a, b) => b.number - a.number).map((v) => entry(feedId, dataset, v));
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">',
    `  <id>${xml(feedId)}</id>`,
    `  <title>${xml(dataset.title)}</title>`,
    `  <subtitle>${xml(dataset.description)}</subtitle>`,
    `  <updated>${xml(atomDate(updated))}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(dataset.landingPage)}"/>`,
    `  <author><name>${xml(dataset.publisher.name)}</name></author>`,
    '  <rights>Licence Ouverte / Open Licence 2.0</rights>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

function entry(feedId: string, dataset: CatalogueDataset, v: DatasetVersionEntry): string {
  const summary = `Version ${v.number}: ${v.rowCount} rows (${v.added} added, ${v.removed} removed). SHA-256 ${v.sha256}.`;
  return [
    '  <entry>',
    `    <id>${xml(`${feedId}/version/${v.number}`)}</id>`,
    `    <title>${xml(`${dataset.title}, version ${v.number}`)}</title>`,
    `    <updated>${xml(atomDate(v.createdAt))}</updated>`,
    `    <summary>${xml(summary)}</summary>`,
    `    <link rel="alternate" type="text/csv" href="${xml(v.csvUrl)}"/>`,
    `    <link rel="alternate" type="application/json" href="${xml(v.jsonUrl)}"/>`,
    '  </entry>',
  ].join('\n');
}

/** Atom dates are RFC 3339 date-times: a bare date becomes midnight UTC. */
function atomDate(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
}

/** Escapes text and attribute values; drops the control characters XML 1.0 forbids. */
export function xml(value: string): string {
  return value
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
