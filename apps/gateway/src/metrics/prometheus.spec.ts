import { exposition, histogramSamples } from './prometheus';

describe('Prometheus exposition', () => {
  it('writes HELP, TYPE and samples with escaped labels', () => {
    const text = exposition([
      { name: 'openactes_acts', help: 'Acts by status', type: 'gauge', samples: [{ labels: { status: 'pub"lished' }, value: 3 }, { value: 1 }] },
    ]);
    expect(text).toBe('# HELP openactes_acts Acts by status\n# TYPE openactes_acts gauge\nopenactes_acts{status="pub\\"lished"} 3\nopenactes_acts 1\n');
  });

  it('writes a histogram with cumulative buckets, +Inf, sum and count', () => {
    const samples = histogramSamples({ step: 'x' }, [1, 5], [2, 3], 7.5, 4);
    expect(exposition([{ name: 'h', help: 'h', type: 'histogram', samples }]).split('\n').slice(2, 7)).toEqual([
      'h_bucket{step="x",le="1"} 2',
      'h_bucket{step="x",le="5"} 3',
      'h_bucket{step="x",le="+Inf"} 4',
      'h_sum{step="x"} 7.5',
      'h_count{step="x"} 4',
    ]);
  });
});
