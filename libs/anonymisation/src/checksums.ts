/** Remainder of a long decimal string divided by `m`, digit by digit (no BigInt needed). */
function mod(digits: string, m: number): number {
  let r = 0;
  for (const d of digits) r = (r * 10 + (d.charCodeAt(0) - 48)) % m;
  return r;
}

const IBAN_SHAPE = /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/;

/** ISO 13616 check: the IBAN (spaces ignored) moved and converted to digits is 1 modulo 97. */
export function ibanIsValid(iban: string): boolean {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  if (!IBAN_SHAPE.test(compact)) return false;
  const moved = compact.slice(4) + compact.slice(0, 4);
  const digits = moved.replace(/[A-Z]/g, (ch) => String(ch.charCodeAt(0) - 55));
  return mod(digits, 97) === 1;
}

/** Lengths of the IBANs of SEPA countries likely in French local-government documents. */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  FR: 27, MC: 27, DE: 22, BE: 16, LU: 20, CH: 21, IT: 27, ES: 24, PT: 25, NL: 18, GB: 22, IE: 22, AT: 20, AD: 24,
};

const NIR_SHAPE = /^[1-478]\d{4}(?:\d{2}|2[AB])\d{6}\d{2}$/;

/**
 * French social-security number (NIR, 13 characters + 2-digit key, spaces ignored): the key is
 * 97 − (number mod 97), Corsican departments 2A and 2B counting as 19 and 18.
 */
export function nirIsValid(nir: string): boolean {
  const compact = nir.replace(/\s+/g, '').toUpperCase();
  if (!NIR_SHAPE.test(compact)) return false;
  const body = compact.slice(0, 13).replace('2A', '19').replace('2B', '18');
  return 97 - mod(body, 97) === Number(compact.slice(13));
}
