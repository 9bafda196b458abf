export * from './s2low/s2low-client';
export * from './s2low/pulled-archive';
