import * as fs from 'node:fs';
import * as path from 'node:path';
import { looksLikeTotem } from './totem-sniff';

const SAMPLES = path.join(process.env.SHARED_DIR ?? path.resolve(__dirname, '../../../../../shared'), 'samples/budget');

describe(looksLikeTotem.name, () => {
  it.each(['crach-2021-CA-budget-principal', 'mohon-2023-CFU-M57'])('recognises the real sample %s', (name) => {
    expect(looksLikeTotem(fs.readFileSync(path.join(SAMPLES, `${name}.totem.xml`)))).toBe(true);
  });

  it('reads past the declaration and comments, with or without a prefix', () => {
    expect(looksLikeTotem(Buffer.from('<?xml version="1.0"?>\n<!-- <Acte> --><db:DocumentBudgetaire xmlns:db="x"/>'))).toBe(true);
  });

  it.each([
    ['a PDF', '%PDF-1.4 DocumentBudgetaire'],
    ['an ACTES message', '<?xml version="1.0"?><actes:Acte xmlns:actes="http://www.interieur.gouv.fr/ACTES#v1.1-20040216"/>'],
    ['a root that only starts with the name', '<DocumentBudgetaireBis/>'],
    ['an empty file', ''],
  ])('refuses %s', (_name, text) => {
    expect(looksLikeTotem(Buffer.from(text))).toBe(false);
  });
});
