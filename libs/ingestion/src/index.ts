export * from './archive-ingestion';
