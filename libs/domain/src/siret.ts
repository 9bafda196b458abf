const LA_POSTE_SIREN = '356000000';
const LA_POSTE_HEAD_OFFICE = '35600000000048';

function luhnIsValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** 9 digits with a valid Luhn checksum. */
export function sirenIsValid(siren: string): boolean {
  return /^\d{9}$/.test(siren) && luhnIsValid(siren);
}

/**
 * 14 digits: a valid SIREN, then a Luhn checksum over the whole number, except
 * La Poste's establishments (SIREN 356000000), whose digits add up to a multiple of 5.
 */
export function siretIsValid(siret: string): boolean {
  if (!/^\d{14}$/.test(siret) || !sirenIsValid(siret.slice(0, 9))) return false;
  if (siret.startsWith(LA_POSTE_SIREN) && siret !== LA_POSTE_HEAD_OFFICE) {
    return [...siret].reduce((sum, d) => sum + Number(d), 0) % 5 === 0;
  }
  return luhnIsValid(siret);
}
