/** Prefixes shared by the Turtle and the JSON-LD @context: one list, so both name things alike. */
export const PREFIXES = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  owl: 'http://www.w3.org/2002/07/owl#',
  spdx: 'http://spdx.org/rdf/terms#',
  dcatap: 'http://data.europa.eu/r5r/',
  hydra: 'http://www.w3.org/ns/hydra/core#',
} as const;

export type Prefix = keyof typeof PREFIXES;
/** A compact IRI such as `dct:title`. */
export type CompactIri = `${Prefix}:${string}`;

export function expand(curie: CompactIri): string {
  const colon = curie.indexOf(':');
  return PREFIXES[curie.slice(0, colon) as Prefix] + curie.slice(colon + 1);
}

/** Licence Ouverte / Open Licence 2.0 (Etalab). */
export const LICENCE_OUVERTE_2 = 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/';
export const LANGUAGE_FR = 'http://publications.europa.eu/resource/authority/language/FRA';
export const HVD_LEGISLATION = 'http://data.europa.eu/eli/reg_impl/2023/138/oj';
/**
 * HVD category "Statistics" (EU vocabulary http://data.europa.eu/bna/asd487ae75). Of the six
 * categories of Regulation 2023/138 it is the only one public-finance data fits: its annex
 * covers government finance and expenditure statistics. Any dataset the caller flags
 * high-value (budgets, subsidies, procurement) is filed there.
 */
export const HVD_CATEGORY_STATISTICS = 'http://data.europa.eu/bna/c_e1da4e07';

export const IANA_MEDIA_TYPES = 'https://www.iana.org/assignments/media-types/';
export const EU_FILE_TYPES: Record<'csv' | 'json', string> = {
  csv: 'http://publications.europa.eu/resource/authority/file-type/CSV',
  json: 'http://publications.europa.eu/resource/authority/file-type/JSON',
};
/** The French company directory: a dereferenceable IRI for a publisher known by its SIREN. */
export const SIREN_DIRECTORY = 'https://annuaire-entreprises.data.gouv.fr/entreprise/';
