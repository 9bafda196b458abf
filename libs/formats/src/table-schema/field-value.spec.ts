import { fieldValueProblems, isBareNumber } from './field-value';
import type { TableField } from './table-schema';

const codes = (field: TableField, value: string) => fieldValueProblems(field, value).map((p) => p.code);

describe(fieldValueProblems.name, () => {
  it('reads bare integers, numbers and years only', () => {
    expect(codes({ name: 'n', type: 'integer' }, '-12')).toEqual([]);
    expect(codes({ name: 'n', type: 'integer' }, '12.0')).toEqual(['type']);
    expect(codes({ name: 'n', type: 'number' }, '14000.00')).toEqual([]);
    for (const value of ['1 234,50', '1234.50 €', '12%', '100000,1']) expect(codes({ name: 'n', type: 'number' }, value)).toEqual(['type']);
    expect(codes({ name: 'y', type: 'year' }, '2021')).toEqual([]);
    expect(codes({ name: 'y', type: 'year' }, '21')).toEqual(['type']);
  });

  it('applies declared decimal and group characters', () => {
    expect(codes({ name: 'n', type: 'number', decimalChar: ',', groupChar: ' ' }, '1 234,50')).toEqual([]);
  });

  it('reads booleans with the declared literals, else the Table Schema ones', () => {
    const ouiNon: TableField = { name: 'b', type: 'boolean', trueValues: ['oui'], falseValues: ['non'] };
    expect(codes(ouiNon, 'non')).toEqual([]);
    expect(codes(ouiNon, 'no')).toEqual(['type']);
    expect(codes(ouiNon, 'true')).toEqual(['type']);
    expect(codes({ name: 'b', type: 'boolean' }, 'FALSE')).toEqual([]);
  });

  it('reads real ISO dates, or dates in the declared format', () => {
    expect(codes({ name: 'd', type: 'date' }, '2024-02-29')).toEqual([]);
    expect(codes({ name: 'd', type: 'date' }, '2023-02-29')).toEqual(['type']);
    expect(codes({ name: 'd', type: 'date' }, '05/12/2016')).toEqual(['type']);
    expect(codes({ name: 'd', type: 'date', format: '%d/%m/%Y' }, '05/12/2016')).toEqual([]);
    expect(codes({ name: 'd', type: 'date', format: '%d/%m/%Y' }, '31/02/2016')).toEqual(['type']);
  });

  it('checks uri and email formats', () => {
    expect(codes({ name: 'u', type: 'string', format: 'uri' }, 'https://example.org/a.pdf')).toEqual([]);
    expect(codes({ name: 'u', type: 'string', format: 'uri' }, 'www.example.org')).toEqual(['format']);
    expect(codes({ name: 'e', type: 'string', format: 'email' }, 'mairie@example.fr')).toEqual([]);
    expect(codes({ name: 'e', type: 'string', format: 'email' }, 'mairie')).toEqual(['format']);
  });

  it('checks whole-value patterns, enums, bounds and lengths', () => {
    expect(codes({ name: 's', type: 'string', constraints: { pattern: '\\d{14}' } }, '123456789012345')).toEqual(['pattern']);
    expect(codes({ name: 's', type: 'string', constraints: { enum: ['réel', 'ordre'] } }, 'Réel')).toEqual(['enum']);
    const share: TableField = { name: 'p', type: 'number', constraints: { minimum: 0.01, maximum: 1 } };
    expect(codes(share, '0.45')).toEqual([]);
    expect(codes(share, '80')).toEqual(['maximum']);
    expect(codes(share, '0')).toEqual(['minimum']);
    expect(codes({ name: 's', type: 'string', constraints: { minLength: 1, maxLength: 3 } }, 'abcd')).toEqual(['max-length']);
    expect(codes({ name: 'i', type: 'integer', constraints: { enum: [1, 2] } }, '02')).toEqual([]);
  });

  it('refuses a type it does not implement', () => {
    expect(() => fieldValueProblems({ name: 'g', type: 'geopoint' } as unknown as TableField, '1,2')).toThrow(RangeError);
  });
});

describe(isBareNumber.name, () => {
  it('accepts signs, decimals and exponents, nothing else', () => {
    expect(['0', '-3.5', '.5', '1e3'].every(isBareNumber)).toBe(true);
    expect(['', '1,5', '1 000', '€1'].some(isBareNumber)).toBe(false);
  });
});
