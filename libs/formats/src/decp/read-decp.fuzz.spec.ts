import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertSurvives } from '../fuzz.testing';
import { readDecp } from './read-decp';
import { DECP_SAMPLES } from './decp-samples.testing';

/** Hostile input: the DECP reader returns a document or throws a coded error, whatever the JSON or XML. */
describe(readDecp.name, () => {
  it.each(['Marche.xml', 'Contrat-concession-modification.xml', 'marches_avec_modifications.json', 'concessions.json'])('survives damage to %s', (file) => {
    assertSurvives(fs.readFileSync(path.join(DECP_SAMPLES, 'official-examples', file)), (bytes) => readDecp(bytes, file));
  });
});
