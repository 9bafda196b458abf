import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodedError, extractDeliberationFacts } from '@openactes/domain';
import { writeTextPdf } from '@openactes/formats';
import { extractPdfText } from './pdf-text';

const PDF_SAMPLES = path.join(process.env.SHARED_DIR ?? path.resolve(__dirname, '../../../shared'), 'samples/pdf');
interface ManifestEntry {
  file: string;
  pages: number;
  expected_snippets: string[];
}
const manifest = JSON.parse(fs.readFileSync(path.join(PDF_SAMPLES, 'manifest.json'), 'utf8')) as { pdfs: ManifestEntry[] };
/** How the manifest says snippets compare: NFC, whitespace collapsed, lowercase. */
const comparable = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').toLowerCase();

async function failure(data: Buffer): Promise<CodedError> {
  const err = await extractPdfText(data).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof CodedError)) throw new Error('expected a CodedError');
  return err;
}

describe(extractPdfText.name, () => {
  it.each(manifest.pdfs.map((p) => [p.file, p]))('finds the expected snippets in %s, and trusts its text layer', async (_, pdf) => {
    const { text, pages, textLayer } = await extractPdfText(fs.readFileSync(path.join(PDF_SAMPLES, pdf.file)));
    expect(pages).toHaveLength(pdf.pages);
    for (const snippet of pdf.expected_snippets) expect(comparable(text)).toContain(comparable(snippet));
    expect(textLayer.needsOcr).toBe(false);
  });

  it('reads the session facts of the OCR layer of a scanned deliberation', async () => {
    const file = manifest.pdfs.find((p) => p.file.includes('SCAN-OCR'))!.file;
    const { text } = await extractPdfText(fs.readFileSync(path.join(PDF_SAMPLES, file)));
    const facts = extractDeliberationFacts(text);
    expect(facts.sessionDate).toBe('2023-06-09');
    expect(facts.roster).toEqual(
      expect.arrayContaining([
        { name: 'Sébastien LEROUX', role: 'maire', attendance: 'present' },
        { name: 'Jeanne GUILLOUET', role: 'secretaire', attendance: 'present' },
        { name: 'Stéphane GACOIN', role: 'conseiller', attendance: 'represented', proxyHolder: 'Hélène MAUGER' },
        { name: 'Thierry CHAUVIN', role: 'conseiller', attendance: 'absent' },
      ]),
    );
  });

  it('flags a PDF without text as needing OCR', async () => {
    const { text, pages, textLayer } = await extractPdfText(writeTextPdf([[], []]));
    expect(text).toBe('\n\f\n');
    expect(pages).toHaveLength(2);
    expect(textLayer).toMatchObject({ needsOcr: true, sparsePages: [0, 1], sparsePageShare: 1 });
  });

  it('reads every page of one document in order, reports each between turns of the event loop, and drops page furniture', async () => {
    const topics = ['la voirie', 'l’éclairage public', 'l’école', 'le cimetière', 'la salle des fêtes'];
    const pages = topics.map((topic, i) => [
      'COMMUNE DE KERHERVÉ',
      `Le conseil municipal, après en avoir délibéré, approuve le programme de travaux sur ${topic}.`,
      `Délibération n° 2026_004 - page ${i + 1}/5`,
    ]);
    const seen: [number, number][] = [];
    let eventLoopTurned = false;
    const result = await extractPdfText(writeTextPdf(pages), {
      onPage: (index, total) => {
        seen.push([index, total]);
        if (index === 0) setImmediate(() => (eventLoopTurned = true));
        if (index === total - 1) expect(eventLoopTurned).toBe(true);
      },
    });
    expect(seen).toEqual([0, 1, 2, 3, 4].map((i) => [i, 5]));
    expect(result.pages.map((p) => result.text.slice(p.start, p.end))).toEqual(
      pages.map((lines, i) => (i ? lines[1] : `${lines[0]}\n${lines[1]}`)),
    );
  });

  it.each([
    ['not a PDF', Buffer.from('<html>not a PDF</html>'), 'invalid'],
    ['a truncated PDF', Buffer.from('%PDF-1.4\nthis is not really a PDF at all'), 'invalid'],
    ['an empty file', Buffer.alloc(0), 'invalid'],
    [
      'an encrypted PDF',
      Buffer.from(
        writeTextPdf([['Secret']])
          .toString('latin1')
          .replace('/Root 1 0 R', `/Root 1 0 R /Encrypt << /Filter /Standard /V 1 /R 2 /O <${'11'.repeat(32)}> /U <${'22'.repeat(32)}> /P -4 >> /ID [<${'33'.repeat(16)}> <${'33'.repeat(16)}>]`),
        'latin1',
      ),
      'encrypted',
    ],
  ])('refuses %s with a final UNREADABLE_PDF', async (_, data, reason) => {
    const err = await failure(data);
    expect(err.code).toBe('UNREADABLE_PDF');
    expect(err.details).toEqual({ reason });
    expect(err.retryable).toBe(false);
  });
});
