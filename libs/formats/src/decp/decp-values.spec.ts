import { cleanText, isBlank, isIsoDate, matchEnum, parseAmount, parseBoolean, repairCpv, repairDate, repairSiret } from './decp-values';

describe(isBlank.name, () => {
  it('reads null, NaN, empty strings and the "unknown" stand-ins as blank', () => {
    expect([null, undefined, NaN, '', '  ', 'NC', 'nc', 'nan', 'NaN', 'null', 'N/A'].every(isBlank)).toBe(true);
    expect([0, false, 'Non communiqué', 'Sans objet', [], {}].some(isBlank)).toBe(false);
  });
});

describe(isIsoDate.name, () => {
  it('accepts real AAAA-MM-JJ dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(['2023-02-29', '2024-13-01', '2024-05-15T00:00:00', '2024-5-15', 20240515].some(isIsoDate)).toBe(false);
  });
});

describe(repairDate.name, () => {
  it.each([
    ['2019-1-5', '2019-01-05'],
    ['2024-05-15T00:00:00+02:00', '2024-05-15'],
    ['2024-05-15T23:30:00Z', '2024-05-15'],
    ['2024-05-15+02:00', '2024-05-15'],
    ['15/05/2024', '2024-05-15'],
    ['5/6/2024', '2024-06-05'],
    ['15.05.2024', '2024-05-15'],
    ['2024/05/15', '2024-05-15'],
    ['September, 16 2021 00:00:00', '2021-09-16'],
  ])('reads %s as %s', (input, expected) => {
    expect(repairDate(input)).toBe(expected);
  });

  it.each([['31/02/2024'], ['2024-13-45'], ['05/15/2024'], ['16 septembre 2021'], ['45292'], ['NC'], [''], [45292]])('refuses %p', (input) => {
    expect(repairDate(input)).toBeUndefined();
  });
});

describe(parseAmount.name, () => {
  it.each([
    ['575000', 575000],
    ['123456.89', 123456.89],
    ['1 234,50', 1234.5],
    ['1\u00a0234\u00a0567', 1234567],
    ['1\u202f234,5', 1234.5],
    ['1.234,50', 1234.5],
    ['1234,5', 1234.5],
    ['12 000 € HT', 12000],
    ['12000 EUR', 12000],
    ['1e17', 1e17],
  ])('reads %p as %p', (input, expected) => {
    expect(parseAmount(input)).toBe(expected);
  });

  it.each([['1,234.50'], ['12 34'], ['1.234.5'], ['NC'], ['douze'], ['']])('refuses the ambiguous or unreadable %p', (input) => {
    expect(parseAmount(input)).toBeUndefined();
  });
});

describe(parseBoolean.name, () => {
  it('reads the XSD, French and numeric spellings', () => {
    expect(['oui', 'Oui', 'true', 'True', '1', 'vrai', 1].map(parseBoolean)).toEqual(Array(7).fill(true));
    expect(['non', 'NON', 'false', '0', 'faux', 0].map(parseBoolean)).toEqual(Array(6).fill(false));
    expect(['NC', 'peut-être', '', null, 2].map(parseBoolean)).toEqual(Array(5).fill(undefined));
  });
});

describe(matchEnum.name, () => {
  const natures = ['Marché', 'Marché de partenariat', 'Marché de défense ou de sécurité'];

  it('finds the value spelt with another case, without accents or with another apostrophe', () => {
    expect(matchEnum('MARCHE', natures)).toBe('Marché');
    expect(matchEnum('Marche', natures)).toBe('Marché');
    expect(matchEnum('ferme', ['Ferme', 'Actualisable', 'Révisable'])).toBe('Ferme');
    expect(matchEnum("Maitrise d'oeuvre", ["Maitrise d'œuvre", 'Travaux'])).toBe("Maitrise d'œuvre");
    expect(matchEnum('Appel d’offres ouvert', ["Appel d'offres ouvert"])).toBe("Appel d'offres ouvert");
    expect(matchEnum('accord cadre', ['Accord-cadre', 'Concours'])).toBe('Accord-cadre');
  });

  it('maps the older procedure names that mean one current value', () => {
    const procedures = ['Procédure adaptée', 'Procédure avec négociation', 'Marché passé sans publicité ni mise en concurrence préalable'];
    expect(matchEnum('Procédure concurrentielle avec négociation', procedures)).toBe('Procédure avec négociation');
    expect(matchEnum('Procédure négociée sans publicité ni mise en concurrence préalable', procedures)).toBe(procedures[2]);
  });

  it('refuses a value that matches nothing, or an alias whose target is not allowed', () => {
    expect(matchEnum('Accord-cadre', natures)).toBeUndefined();
    expect(matchEnum('Procédure concurrentielle avec négociation', ['Procédure adaptée'])).toBeUndefined();
  });
});

describe(repairSiret.name, () => {
  it('removes spaces, dots and no-break spaces', () => {
    expect(repairSiret('552 100 554 00016')).toBe('55210055400016');
    expect(repairSiret('552.100.554.00016')).toBe('55210055400016');
    expect(repairSiret('552\u00a0100\u00a0554\u00a000016')).toBe('55210055400016');
  });

  it('turns a number into its 14 digits, padding the lost leading zero only when the checksum then holds', () => {
    expect(repairSiret(59920013600241)).toBe('59920013600241');
    expect(repairSiret(5650171100115)).toBe('05650171100115');
    expect(repairSiret(5650171100116)).toBeUndefined();
  });

  it('does not guess digits lost by spreadsheets', () => {
    expect(repairSiret('2.18601946E13')).toBeUndefined();
    expect(repairSiret('21860194600000.0')).toBeUndefined();
    expect(repairSiret(2.18601946e13 + 0.5)).toBeUndefined();
    expect(repairSiret('123456')).toBeUndefined();
  });
});

describe(repairCpv.name, () => {
  it.each<[unknown, string]>([
    ['45000000 - 7', '45000000-7'],
    ['45000000-', '45000000'],
    ['45000000-7 Travaux de construction', '45000000-7'],
    ['45000000 Travaux', '45000000'],
    [' 71000000 ', '71000000'],
    [45000000, '45000000'],
    [3000000, '03000000'],
  ])('reads %p as %p', (input, expected) => {
    expect(repairCpv(input)).toBe(expected);
  });

  it.each([['4500000'], ['450000007'], ['45000000-78'], ['CPV 45000000'], [300000], [45000000.5]])('refuses %p', (input) => {
    expect(repairCpv(input)).toBeUndefined();
  });
});

describe(cleanText.name, () => {
  it('joins lines, drops control characters and trims', () => {
    expect(cleanText('  Confortement\nRelance\r\n - Démolition\t')).toBe('Confortement Relance - Démolition');
    expect(cleanText('a\u0007b')).toBe('ab');
    expect(cleanText('Cafe\u0301')).toBe('Café');
    expect(cleanText('deux  espaces')).toBe('deux  espaces');
  });
});
