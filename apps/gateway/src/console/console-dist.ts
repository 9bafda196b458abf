import fs from 'node:fs';
import path from 'node:path';

/** Where `npm run build:console` writes the console (apps/console/dist), from this file's place in the repo. */
export const CONSOLE_DIST = process.env.CONSOLE_DIST_DIR ?? path.resolve(__dirname, '../../../console/dist');

export function consoleBuilt(dist = CONSOLE_DIST): boolean {
  return fs.existsSync(path.join(dist, 'index.html'));
}
