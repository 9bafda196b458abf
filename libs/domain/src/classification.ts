/** A node of the matières tree (levels 1 to 5). */
export interface ClassificationMatiere {
  code: number;
  label: string;
  children: ClassificationMatiere[];
}

export interface ClassificationNature {
  /** CodeNatureActe, 1..6. */
  code: number;
  /** TypeAbrege, e.g. 'DE'. */
  abbrev: string;
  label: string;
  /** Piece types (CodeTypePJ) allowed for this nature, e.g. { code: '99_DE', label: 'Délibération' }. */
  pieceTypes: { code: string; label: string }[];
}

/** A collectivity's classification, as its prefecture sent it (RetourClassification, 7-2). */
export interface Classification {
  /** DateClassification: the version, YYYY-MM-DD. */
  date: string;
  natures: ClassificationNature[];
  matieres: ClassificationMatiere[];
}

/** Orders codes such as '7.10' and '7.9' part by part, as numbers (7.9 before 7.10); a prefix comes first. */
export function compareClassificationCodes(a: string, b: string): number {
  const left = a.trim().split('.');
  const right = b.trim().split('.');
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const [x, y] = [Number(left[i]), Number(right[i])];
    const order = Number.isInteger(x) && Number.isInteger(y) ? x - y : left[i].localeCompare(right[i]);
    if (order !== 0) return Math.sign(order);
  }
  return Math.sign(left.length - right.length);
}

/** Label of the deepest level of a code ('1.1.9' or [1, 1, 9]), or undefined when the classification lacks it. */
export function labelFor(classification: Classification, code: string | readonly number[]): string | undefined {
  const parts = typeof code === 'string' ? code.trim().split('.').map(Number) : code;
  let level: ClassificationMatiere[] = classification.matieres;
  let found: ClassificationMatiere | undefined;
  for (const part of parts) {
    found = level.find((m) => m.code === part);
    if (!found) return undefined;
    level = found.children;
  }
  return found?.label;
}
