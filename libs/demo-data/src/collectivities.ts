export interface DemoCollectivity {
  /** 9 digits, valid Luhn checksum */
  siren: string;
  /** SIRET of the seat, same SIREN */
  siret: string;
  name: string;
  /** 3 characters: 022, 029, 035 or 056 */
  departement: string;
}

/**
 * Fictional communes. Their SIRENs follow the communes' pattern
 * (21 + department + 0 + commune number) with commune numbers above 900,
 * which no commune of these departments has.
 */
export const DEMO_COLLECTIVITIES: readonly DemoCollectivity[] = [
  { siren: '212209472', siret: '21220947200019', name: 'Commune de Trégoulven-en-Argoat', departement: '022' },
  { siren: '212909519', siret: '21290951900010', name: 'Commune de Kerhervé-sur-Lann', departement: '029' },
  { siren: '212909683', siret: '21290968300014', name: 'Commune de Plouméral-Izella', departement: '029' },
  { siren: '213509821', siret: '21350982100012', name: 'Commune de Saint-Ermel-des-Landes', departement: '035' },
  { siren: '215609363', siret: '21560936300019', name: 'Commune de Bréhiliac-sur-Oust', departement: '056' },
  { siren: '215609736', siret: '21560973600016', name: 'Commune de Locmaben-Penhoët', departement: '056' },
];

export const DEPARTEMENT_NAMES: Readonly<Record<string, string>> = {
  '022': "Côtes-d'Armor",
  '029': 'Finistère',
  '035': 'Ille-et-Vilaine',
  '056': 'Morbihan',
};
