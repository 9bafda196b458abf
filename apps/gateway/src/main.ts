import { ConfigError, loadConfig } from '@openactes/config';
import { createGatewayApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createGatewayApp(config);
  await app.listen(config.port, config.host);
  console.log(`gateway: listening on http://${config.host}:${config.port} (API docs at /api/docs)`);
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
