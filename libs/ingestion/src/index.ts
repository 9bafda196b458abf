export * from './archive-ingestion';
export * from './budget-ingestion';
export * from './budget-attachments';
export * from './procurement-ingestion';
export * from './subvention-ingestion';
