export * from './collectivities';
export * from './deliberations';
export * from './prng';
export * from './archives';
