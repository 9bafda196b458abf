import { loadConfig } from '@openactes/config';
import { AppModule } from '../app.module';
import { ROLES } from './roles';
import { declaredRoutes } from './roles-routes';

describe('roles on every route', () => {
  const routes = declaredRoutes(AppModule.forRoot(loadConfig({ DATABASE_URL: 'postgres://u:p@localhost:5432/db', TEMPORAL_ADDRESS: 'localhost:7233' })));

  it('finds the routes of every module', () => {
    expect(routes.length).toBeGreaterThan(40);
    const table = routes.map((r) => `${r.method} ${r.path}`);
    expect(table).toEqual(expect.arrayContaining(['POST /api/v1/session', 'GET /api/v1/datasets/:id/records', 'POST /api/v1/transmissions', 'GET /metrics']));
  });

  it('declares at least one known role on each route', () => {
    const missing = routes.filter((r) => !r.roles?.length || !r.roles.every((role) => (ROLES as readonly string[]).includes(role)));
    expect(missing.map((r) => `${r.method} ${r.path} (${r.handler})`)).toEqual([]);
  });
});
