export * from './normalise-text';
export * from './text-layer';
