import { setImmediate as nextTurn } from 'node:timers/promises';
import { CodedError } from '@openactes/domain';
import { measureTextLayer, normaliseDocumentText, type NormalisedText, type TextLayerMeasure } from '@openactes/formats';
import { PasswordException, PDFParse, type LoadParameters, type ParseParameters } from 'pdf-parse';

export interface PdfText extends NormalisedText {
  /** How usable the text layer is; `textLayer.needsOcr` when the PDF is (mostly) a scan. */
  textLayer: TextLayerMeasure;
}

export interface PdfTextOptions {
  /** Called after each page (0-based `index`), e.g. to heartbeat on long documents. */
  onPage?: (index: number, total: number) => void;
}

/**
 * The PDF is untrusted: pdf.js may not compile its functions with `eval`, nor
 * reach system fonts. Glyph shapes are never needed for text.
 */
const LOAD_OPTIONS: Omit<LoadParameters, 'data'> = {
  isEvalSupported: false,
  useSystemFonts: false,
  disableFontFace: true,
  fontExtraProperties: false,
  enableXfa: false,
};
const TEXT_OPTIONS: ParseParameters = { pageJoiner: '' };

/**
 * The normalised text of a PDF, read page by page from one loaded document.
 * Parsing is deterministic, so a file pdf.js cannot read is a final failure,
 * never a retry.
 */
export async function extractPdfText(data: Buffer, { onPage }: PdfTextOptions = {}): Promise<PdfText> {
  const parser = new PDFParse({ ...LOAD_OPTIONS, data: new Uint8Array(data) });
  try {
    const readPage = async (pageNumber: number) => {
      try {
        return await parser.getText({ ...TEXT_OPTIONS, partial: [pageNumber] });
      } catch (err) {
        throw unreadable(err);
      }
    };
    const first = await readPage(1);
    const rawPages = first.pages.map((p) => p.text);
    if (first.total) onPage?.(0, first.total);
    for (let pageNumber = 2; pageNumber <= first.total; pageNumber++) {
      // pdf.js in Node chains promises only: without a turn of the event loop per page, a long
      // document would hold timers, other activities and the Temporal worker until its last page.
      await nextTurn();
      const { pages } = await readPage(pageNumber);
      rawPages.push(pages[0]?.text ?? '');
      onPage?.(pageNumber - 1, first.total);
    }
    const normalised = normaliseDocumentText(rawPages);
    return { ...normalised, textLayer: measureTextLayer(normalised.pages.map((p) => normalised.text.slice(p.start, p.end))) };
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

function unreadable(err: unknown): CodedError {
  return err instanceof PasswordException
    ? new CodedError('UNREADABLE_PDF', 'The PDF is encrypted', { reason: 'encrypted' })
    : new CodedError('UNREADABLE_PDF', 'The file is not a readable PDF', { reason: 'invalid' });
}
