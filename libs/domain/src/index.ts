export * from './errors';
export * from './act-status';
export * from './actes-nomenclature';
export * from './scdl-deliberations';
export * from './siret';
export * from './principal';
