export * from './text-pdf-writer';
