import { PDFParse } from 'pdf-parse';
import { pdfLiteral, writeTextPdf } from './text-pdf-writer';

async function extract(data: Buffer) {
  const parser = new PDFParse({ data });
  try {
    const text = await parser.getText({ pageJoiner: '' });
    const info = await parser.getInfo();
    return { pages: text.pages.map((p) => p.text), total: text.total, info: info.info as Record<string, unknown> };
  } finally {
    await parser.destroy();
  }
}

describe(writeTextPdf.name, () => {
  it('writes pages whose text, accents included, can be extracted', async () => {
    const pages = [
      ['Commune de Kerhervé-sur-Lann', 'Séance du conseil municipal du 12 février 2026', 'Crédits : 1 250 € « œuvre »'],
      ['Le conseil, à l’unanimité, DÉCIDE', 'Reçu ô ç è à ù ï É Œ – fin'],
    ];
    const r = await extract(writeTextPdf(pages, { title: 'Délibération n° 2026_042' }));
    expect(r.total).toBe(2);
    expect(r.pages[0].split('\n')).toEqual(pages[0]);
    expect(r.pages[1].split('\n')).toEqual(pages[1]);
    expect(r.info.Title).toBe('Délibération n° 2026_042');
  });

  it('escapes parentheses and backslashes', async () => {
    const line = 'Article L.2121-29 (CGCT) \\ voir (a) et ((b))';
    const r = await extract(writeTextPdf([[line]]));
    expect(r.pages[0]).toBe(line);
  });

  it('has an xref table pointing at each object', () => {
    const pdf = writeTextPdf([['a'], ['b'], ['c']], { title: 't' }).toString('latin1');
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(pdf)![1]);
    expect(pdf.startsWith('xref\n', startxref)).toBe(true);
    const entries = [...pdf.slice(startxref).matchAll(/^(\d{10}) 00000 n\r\n/gm)].map((m) => Number(m[1]));
    expect(entries).toHaveLength(4 + 3 * 2);
    entries.forEach((offset, i) => expect(pdf.startsWith(`${i + 1} 0 obj\n`, offset)).toBe(true));
  });

  it('writes a single blank page when given none', async () => {
    const r = await extract(writeTextPdf([]));
    expect(r.total).toBe(1);
    expect(r.pages[0].trim()).toBe('');
  });
});

describe(pdfLiteral.name, () => {
  it('keeps the string 7-bit and replaces what WinAnsi cannot show', () => {
    expect(pdfLiteral('é€(x)\\')).toBe('(\\351\\200\\(x\\)\\\\)');
    expect(pdfLiteral('Ω e\u0301')).toBe('(? \\351)');
  });
});
