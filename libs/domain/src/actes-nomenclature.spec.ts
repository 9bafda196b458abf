import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { classificationCode, deliberationMatiereName, matiereLabel } from './actes-nomenclature';

const repoRoot = path.resolve(__dirname, '../../..');
const sharedDir = process.env.SHARED_DIR ?? path.resolve(repoRoot, '../shared');

/** Level-2 entries of the distributed classification: code → [level-1 label, level-2 label]. */
function distributedMatieres(): Map<string, [string, string]> {
  const xml = readFileSync(path.join(sharedDir, 'schemas/reference/actes-classification-nomenclature.xml'), 'latin1');
  const entries = new Map<string, [string, string]>();
  for (const [, code1, label1, body] of xml.matchAll(
    /<actes:Matiere1 actes:CodeMatiere="(\d+)" actes:Libelle="([^"]*)">([\s\S]*?)<\/actes:Matiere1>/g,
  )) {
    for (const [, code2, label2] of body.matchAll(/<actes:Matiere2\s+actes:CodeMatiere="(\d+)"\s+actes:Libelle="([^"]*)"/g)) {
      entries.set(`${code1}.${code2}`, [label1, label2]);
    }
  }
  return entries;
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replaceAll('œ', 'oe')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const CHECKER_LEVEL1 = [
  'Commande publique',
  'Urbanisme',
  'Domaine et patrimoine',
  'Fonction publique',
  'Institutions et vie politique',
  'Libertés publiques et pouvoirs de police',
  'Finances locales',
  'Domaines de compétences par thèmes',
  'Autres domaines de compétences',
].map(fold);

/** Labels we deliberately rewrote (typo, abbreviation, slash or parentheses in the source). */
const REWORDED = new Set(['1.5', '4.1', '7.9']);

describe(matiereLabel.name, () => {
  const distributed = distributedMatieres();

  it('covers every level-2 code of the distributed classification', () => {
    expect(distributed.size).toBe(57);
    for (const code of distributed.keys()) expect(matiereLabel(code)).toBeDefined();
  });

  it('uses only level-1 labels the SCDL checker accepts', () => {
    for (const code of distributed.keys()) expect(CHECKER_LEVEL1).toContain(fold(matiereLabel(code)!.level1));
  });

  it('says the same as the distributed labels, accents and typos aside', () => {
    for (const [code, [level1, level2]] of distributed) {
      const ours = matiereLabel(code)!;
      if (!REWORDED.has(code)) expect(fold(ours.level2)).toBe(fold(level2));
      if (!code.startsWith('6.')) expect(fold(ours.level1)).toBe(fold(level1));
    }
  });

  it('writes lower-case labels without comma, parenthesis or slash', () => {
    for (const code of distributed.keys()) {
      const { level1, level2 } = matiereLabel(code)!;
      for (const label of [level1, level2]) {
        expect(label).toBe(label.toLowerCase());
        expect(label).not.toMatch(/[,()/]|^\s|\s$/);
      }
    }
  });

  it('gives the accented labels', () => {
    expect(matiereLabel('8.4')).toEqual({ level1: 'domaines de compétences par thèmes', level2: 'aménagement du territoire' });
    expect(matiereLabel('6.1')?.level1).toBe('libertés publiques et pouvoirs de police');
    expect(matiereLabel('7.10')?.level2).toBe('divers');
  });

  it('knows nothing of codes outside the national levels', () => {
    for (const code of ['', '8', '8.0', '8.10', '08.4', '8.04', '10.1', '7.1.2', 'x.y']) expect(matiereLabel(code)).toBeUndefined();
  });
});

describe(deliberationMatiereName.name, () => {
  it('joins both levels with a bare slash', () => {
    expect(deliberationMatiereName('8.4')).toBe('domaines de compétences par thèmes/aménagement du territoire');
    expect(deliberationMatiereName('9.9')).toBeUndefined();
  });
});

describe(classificationCode.name, () => {
  it('keeps the first two levels', () => {
    expect(classificationCode([7, 10])).toBe('7.10');
    expect(classificationCode([1, 1, 9, 2])).toBe('1.1');
  });
  it('needs two levels', () => {
    expect(() => classificationCode([7])).toThrow(RangeError);
  });
});
