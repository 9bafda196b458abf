import { ibanIsValid, nirIsValid } from './checksums';

describe(ibanIsValid.name, () => {
  it('accepts IBANs whose check digits are right, with or without spaces', () => {
    expect(ibanIsValid('FR76 3000 4000 0312 3456 7890 143')).toBe(true);
    expect(ibanIsValid('FR7630004000031234567890143')).toBe(true);
    expect(ibanIsValid('FR14 2004 1010 0505 0001 3M02 606')).toBe(true);
  });
  it('rejects a changed digit, swapped check digits or a bad shape', () => {
    for (const iban of ['FR76 3000 4000 0312 3456 7890 144', 'FR67 3000 4000 0312 3456 7890 143', 'FR76', '7630004000031234567890143']) {
      expect(ibanIsValid(iban)).toBe(false);
    }
  });
});

describe(nirIsValid.name, () => {
  it('accepts a NIR whose key is 97 - (number mod 97)', () => {
    expect(nirIsValid('1 85 05 78 006 084 91')).toBe(true);
    expect(nirIsValid('185057800608491')).toBe(true);
  });
  it('counts the Corsican departments 2A and 2B as 19 and 18', () => {
    expect(nirIsValid('2 90 01 2A 123 456 62')).toBe(true);
    expect(nirIsValid('2 90 01 2B 123 456 62')).toBe(false);
  });
  it('rejects a wrong key, a missing key or a bad shape', () => {
    for (const nir of ['1 85 05 78 006 084 92', '1 85 05 78 006 084', '5 85 05 78 006 084 91', '1 85 05 78 006 08A 91']) {
      expect(nirIsValid(nir)).toBe(false);
    }
  });
});
