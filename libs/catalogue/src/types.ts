/** What the catalogue is about: the platform that publishes the datasets. */
export interface CatalogueInfo {
  /** e.g. https://opendata.megalis.example (no trailing slash) */
  baseUrl: string;
  title: string;
  description: string;
  publisher: { name: string; url?: string; siren?: string };
  homepage: string;
}

export const DATASET_TYPES = ['deliberations', 'budget', 'subventions', 'procurement', 'actes'] as const;
export type DatasetType = (typeof DATASET_TYPES)[number];

export interface CatalogueDistribution {
  /** e.g. 'deliberations-213500000-csv' */
  id: string;
  title: string;
  format: 'csv' | 'json';
  /** 'text/csv' | 'application/json' */
  mediaType: string;
  /** Stable "latest" URL. */
  downloadUrl: string;
  /** The dataset's API URL. */
  accessUrl: string;
  byteSize: number | null;
  sha256: string | null;
  /** ISO 8601 */
  modified: string;
}

export interface CatalogueDataset {
  /** 'deliberations' (consolidated) or 'deliberations-213500000' */
  id: string;
  type: DatasetType;
  title: string;
  description: string;
  keywords: string[];
  /** null = consolidated for the whole platform */
  siren: string | null;
  publisher: { name: string; siren?: string };
  spatial: { label: string; uri?: string } | null;
  /** ISO dates */
  temporal: { start: string; end: string } | null;
  /** ISO 8601 */
  issued: string;
  modified: string;
  /** The schema (SCDL, DECP). */
  conformsTo: { title: string; url: string } | null;
  /** High-value dataset (Implementing Regulation 2023/138) where relevant. */
  highValue: boolean;
  landingPage: string;
  latestVersion: number | null;
  distributions: CatalogueDistribution[];
}

export interface CataloguePage {
  page: number;
  pageSize: number;
  totalItems: number;
}

export interface DatasetVersionEntry {
  number: number;
  createdAt: string;
  rowCount: number;
  added: number;
  removed: number;
  sha256: string;
  csvUrl: string;
  jsonUrl: string;
}
