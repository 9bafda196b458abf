// Test support (not exported): the shared DECP samples, read in place.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readDecp } from './read-decp';
import type { DecpDocument } from './decp-types';

export const DECP_SAMPLES = path.join(process.env.SHARED_DIR ?? path.resolve(__dirname, '../../../../../shared'), 'samples/decp');

/** The day the tests take as today (the messy fixtures were taken on 2026-06-07). */
export const TEST_TODAY = '2026-06-07';

/** The official examples' identifiers that are not SIRETs, each replaced by a real, valid one. */
const PLACEHOLDER_SIRETS: Readonly<Record<string, string>> = {
  '21750001630066': '21690123100011',
  '214356': '35294162900029',
  '868768687576575': '43486131600017',
  '12345678901234': '21500222100012',
  '12345678901250': '22130001500247',
};

export function readSample(file: string): DecpDocument {
  return readDecp(fs.readFileSync(path.join(DECP_SAMPLES, file)), path.basename(file));
}

/** An official example whose placeholder identifiers are real SIRETs: what the format owner meant to be valid. */
export function readSampleWithRealSirets(file: string): DecpDocument {
  let text = fs.readFileSync(path.join(DECP_SAMPLES, file), 'utf8');
  for (const [placeholder, siret] of Object.entries(PLACEHOLDER_SIRETS)) {
    text = text.replaceAll(`"${placeholder}"`, `"${siret}"`).replaceAll(`>${placeholder}<`, `>${siret}<`);
  }
  return readDecp(Buffer.from(text), path.basename(file));
}
