export * from './publication';
export * from './portal-http';
export * from './udata-publisher';
export * from './ckan-publisher';
export * from './publisher-for';
