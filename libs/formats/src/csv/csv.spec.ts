import { CodedError } from '@openactes/domain';
import { csvLine, parseCsv, toCsv } from './csv';

describe(csvLine.name, () => {
  it('joins fields with commas and ends with CRLF', () => {
    expect(csvLine(['a', 1, 2.5, null, undefined, ''])).toBe('a,1,2.5,,,\r\n');
  });
  it('quotes fields with a comma, a quote, CR or LF', () => {
    expect(csvLine(['a,b', 'dit "oui"', 'l1\nl2', 'x\ry', 'é; ok'])).toBe(
      '"a,b","dit ""oui""","l1\nl2","x\ry",é; ok\r\n',
    );
  });
  it('refuses non-finite numbers', () => {
    expect(() => csvLine([NaN])).toThrow(RangeError);
  });
});

describe(toCsv.name, () => {
  it('writes the header then rows given as arrays or records', () => {
    expect(toCsv(['A', 'B'], [['1', '2'], { B: 'y', A: 'x' }, { A: 'only' }])).toBe('A,B\r\n1,2\r\nx,y\r\nonly,\r\n');
  });
  it('refuses rows of the wrong width', () => {
    expect(() => toCsv(['A', 'B'], [['1']])).toThrow(RangeError);
  });
});

describe(parseCsv.name, () => {
  it('round-trips what toCsv writes', () => {
    const rows = [
      ['a,b', 'dit "oui"', ''],
      ['multi\r\nligne', 'é', 'x\ny'],
    ];
    expect(parseCsv(toCsv(['H1', 'H2', 'H3'], rows))).toEqual([['H1', 'H2', 'H3'], ...rows]);
  });
  it('accepts LF line ends, a BOM and a missing final newline', () => {
    expect(parseCsv('\uFEFFa,b\n1,\n,2')).toEqual([['a', 'b'], ['1', ''], ['', '2']]);
  });
  it('rejects an unterminated quote', () => {
    expect(() => parseCsv('"abc')).toThrow(CodedError);
    expect(() => parseCsv('"abc')).toThrow('Unterminated quoted field');
  });
});
