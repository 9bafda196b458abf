const WORD_VALUES: Record<string, number> = {
  zéro: 0, un: 1, une: 1, premier: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9,
  dix: 10, onze: 11, douze: 12, treize: 13, quatorze: 14, quinze: 15, seize: 16,
  vingt: 20, vingts: 20, trente: 30, quarante: 40, cinquante: 50, soixante: 60,
};

/**
 * A whole number written in digits or in French words, as in dates and vote
 * counts of deliberations: "17", "une", "dix-sept", "deux mil vingt-trois",
 * "mil neuf cent quatre-vingt-dix-neuf". Undefined when it is not one.
 */
export function parseFrenchNumber(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  if (trimmed === '1er') return 1;
  const words = trimmed.split(/[\s-]+/).filter((w) => w && w !== 'et');
  if (!words.length) return undefined;
  let total = 0;
  let current = 0;
  let previous = '';
  for (const word of words) {
    if (word === 'mille' || word === 'mil') {
      total += (current || 1) * 1000;
      current = 0;
    } else if (word === 'cent' || word === 'cents') current = (current || 1) * 100;
    else if ((word === 'vingt' || word === 'vingts') && previous === 'quatre') current += 80 - 4;
    else if (word in WORD_VALUES) current += WORD_VALUES[word];
    else return undefined;
    previous = word;
  }
  return total + current;
}
