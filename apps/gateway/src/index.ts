export * from './bootstrap';
export { AppModule } from './app.module';
export { declaredRoutes, type DeclaredRoute } from './common/roles-routes';
