import { compileCustomCheck } from './custom-checks';

const run = (name: string, params: Record<string, unknown>, row: Record<string, string>) =>
  compileCustomCheck({ name, params })((column) => row[column]).map((p) => `${p.column}:${p.code}`);

describe(compileCustomCheck.name, () => {
  it('checks SIRETs under both names, La Poste included, skipping empty cells and absent columns', () => {
    for (const name of ['french-siret-value', 'siret']) {
      expect(run(name, { column: 'S' }, { S: '21560046100010' })).toEqual([]);
      expect(run(name, { column: 'S' }, { S: '21860194600000' })).toEqual(['S:siret']);
    }
    expect(run('siret', { column: 'S' }, { S: '35600000000001' })).toEqual([]);
    expect(run('siret', { column: 'S' }, { S: '' })).toEqual([]);
    expect(run('siret', { column: 'S' }, {})).toEqual([]);
  });

  it('checks the ACTES level-1 label before the slash, ignoring case and accents', () => {
    const check = (value: string) => run('nomenclature-actes-value', { column: 'M' }, { M: value });
    expect(check('domaines de compétences par thèmes/aménagement du territoire')).toEqual([]);
    expect(check('Finances locales/anything')).toEqual([]);
    expect(check('libertes publiques et pouvoirs de police/x')).toEqual([]);
    expect(check('finances locales')).toEqual(['M:nomenclature-acte']);
    expect(check('finances locales / subventions')).toEqual(['M:nomenclature-acte']);
    expect(check('finances/subventions')).toEqual(['M:nomenclature-acte']);
    expect(run('nomenclature-acte', { column: 'M' }, { M: 'urbanisme/x' })).toEqual([]);
  });

  it('checks year intervals', () => {
    const check = (value: string, yearOnly = 'yes') => run('year-interval-value', { column: 'Y', 'allow-year-only': yearOnly }, { Y: value });
    expect(check('2024')).toEqual([]);
    expect(check('2024/2025')).toEqual([]);
    expect(check('2025/2024')).toEqual(['Y:year-interval']);
    expect(check('2024', 'no')).toEqual(['Y:year-interval']);
  });

  it('wants cohesive columns all filled or all empty, leaving absent ones out', () => {
    const params = { column: 'A', othercolumns: ['B', 'C'] };
    expect(run('cohesive-columns-value', params, { A: '1', B: '2', C: '3' })).toEqual([]);
    expect(run('cohesive-columns-value', params, { A: '', B: '', C: '' })).toEqual([]);
    expect(run('cohesive-columns-value', params, { A: '1', B: '', C: '3' })).toEqual(['A:cohesive-columns']);
    expect(run('cohesive-columns-value', params, { A: '1', B: '2' })).toEqual([]);
  });

  it('compares numbers as numbers and dates as strings', () => {
    expect(run('compare-columns-value', { column: 'A', op: '>=', column2: 'B' }, { A: '10', B: '9' })).toEqual([]);
    expect(run('compare-columns-value', { column: 'A', op: '>=', column2: 'B' }, { A: '9', B: '10' })).toEqual(['A:compare-columns']);
    expect(run('compare-columns-value', { column: 'A', op: '>=', column2: 'B' }, { A: '2024-01-02', B: '2024-01-03' })).toEqual(['A:compare-columns']);
    expect(run('compare-columns-value', { column: 'A', op: '>=', column2: 'B' }, { A: '', B: '2024-01-03' })).toEqual([]);
    expect(() => compileCustomCheck({ name: 'compare-columns-value', params: { column: 'A', op: '=>', column2: 'B' } })).toThrow(RangeError);
  });

  it('checks that a column is the sum of others', () => {
    const params = { column: 'R', columns: ['P', 'C', 'A'] };
    expect(run('sum-columns-value', params, { R: '10', P: '7', C: '2', A: '1' })).toEqual([]);
    expect(run('sum-columns-value', params, { R: '10', P: '7', C: '2', A: '0' })).toEqual(['R:sum-columns']);
    expect(run('sum-columns-value', params, { R: '10', P: '7', C: '', A: '0' })).toEqual([]);
  });

  it('requires one of two columns, even when both are absent', () => {
    const params = { column1: 'S', column2: 'W' };
    expect(run('one-of-required', params, { S: '', W: 'W123456789' })).toEqual([]);
    expect(run('one-of-required', params, { S: '', W: '' })).toEqual(['S:one-of-required']);
    expect(run('one-of-required', params, {})).toEqual(['S:one-of-required']);
  });

  it('refuses unknown checks and malformed parameters', () => {
    expect(() => compileCustomCheck({ name: 'french-gps-value', params: {} })).toThrow(RangeError);
    expect(() => compileCustomCheck({ name: 'siret', params: {} })).toThrow(RangeError);
  });
});
