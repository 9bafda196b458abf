import path from 'node:path';

/** Repository root, whichever file of the workspace asks. */
export const REPO_ROOT = path.resolve(__dirname, '../..');

/** Git-ignored folder for provisioned binaries (Temporal CLI). */
export const TOOLS_DIR = process.env.TOOLS_DIR ?? path.join(REPO_ROOT, '.tools');

/** Git-ignored folder for local state (Postgres cluster, Temporal SQLite file, blobs). */
export function dataDir(): string {
  return path.resolve(process.env.DATA_DIR ?? path.join(REPO_ROOT, '.data'));
}
