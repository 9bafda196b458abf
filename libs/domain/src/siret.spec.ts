import { sirenIsValid, siretIsValid } from './siret';

describe(sirenIsValid.name, () => {
  it('accepts 9 digits with a Luhn checksum', () => {
    expect(sirenIsValid('732829320')).toBe(true);
    expect(sirenIsValid('356000000')).toBe(true);
  });
  it('rejects a wrong checksum or shape', () => {
    for (const siren of ['732829321', '73282932', '7328293200', '73282932a', ' 732829320', '']) {
      expect(sirenIsValid(siren)).toBe(false);
    }
  });
});

describe(siretIsValid.name, () => {
  it('accepts 14 digits with a Luhn checksum', () => {
    expect(siretIsValid('21860194600013')).toBe(true);
    expect(siretIsValid('73282932000074')).toBe(true);
  });
  it('rejects a wrong checksum, shape or SIREN', () => {
    for (const siret of ['21860194600014', '2186019460001', '218601946000130', '2186019460001A', '21860194600013 ']) {
      expect(siretIsValid(siret)).toBe(false);
    }
  });
  it('checks the digit sum of La Poste establishments', () => {
    expect(siretIsValid('35600000000048')).toBe(true);
    expect(siretIsValid('35600000049837')).toBe(true);
    expect(siretIsValid('35600000049838')).toBe(false);
  });
});
