import { CodedError } from '@openactes/domain';
import { PasswordException, PDFParse } from 'pdf-parse';

export interface PdfText {
  pages: string[];
}

/**
 * Text of every page of a PDF, normalised to NFC. Parsing is deterministic,
 * so a file pdf.js cannot read is a final failure, never a retry.
 */
export async function extractPdfText(data: Buffer): Promise<PdfText> {
  const parser = new PDFParse({ data: new Uint8Array(data) });
  try {
    const result = await parser.getText({ pageJoiner: '' });
    return { pages: result.pages.map((p) => p.text.normalize('NFC')) };
  } catch (err) {
    const reason = err instanceof PasswordException ? 'encrypted' : 'invalid';
    throw new CodedError('UNREADABLE_PDF', reason === 'encrypted' ? 'The PDF is encrypted' : 'The file is not a readable PDF', { reason });
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}
