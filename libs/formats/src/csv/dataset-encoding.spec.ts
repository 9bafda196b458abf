import { parseCsv } from './csv';
import { coalesce, encodeDataset } from './dataset-encoding';

function rowsOf(rows: Record<string, string>[]): AsyncIterable<Record<string, string>> {
  return (async function* () {
    await Promise.resolve();
    yield* rows;
  })();
}

const collect = async (chunks: AsyncIterable<string>) => {
  let out = '';
  for await (const chunk of chunks) out += chunk;
  return out;
};

describe('encodeDataset', () => {
  const header = ['A', 'B'];
  const rows: Record<string, string>[] = [{ B: 'deux, "trois"', A: 'un' }, { A: 'é\nligne' }];

  it('writes CSV in header order, quoting what needs it', async () => {
    const csv = await collect(encodeDataset('csv', header, rowsOf(rows)));
    expect(parseCsv(csv)).toEqual([header, ['un', 'deux, "trois"'], ['é\nligne', '']]);
  });

  it('writes a JSON array whose objects follow the header', async () => {
    const json = await collect(encodeDataset('json', header, rowsOf(rows)));
    expect(JSON.parse(json)).toEqual([{ A: 'un', B: 'deux, "trois"' }, { A: 'é\nligne', B: '' }]);
    expect(Object.keys((JSON.parse(json) as Record<string, string>[])[0])).toEqual(header);
    expect(JSON.parse(await collect(encodeDataset('json', header, rowsOf([]))))).toEqual([]);
  });
});

describe('coalesce', () => {
  it('joins chunks into pieces of about the given size, losing nothing', async () => {
    const pieces: string[] = [];
    for await (const piece of coalesce(encodeDataset('csv', ['A'], rowsOf(Array.from({ length: 100 }, (_, i) => ({ A: `row${i}` })))), 64)) pieces.push(piece);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.length).toBeLessThan(30);
    expect(pieces.join('')).toBe(await collect(encodeDataset('csv', ['A'], rowsOf(Array.from({ length: 100 }, (_, i) => ({ A: `row${i}` }))))));
  });
});
