export interface TextPdfOptions {
  title?: string;
  fontSize?: number;
}

const PAGE_WIDTH = 595;
const PAGE_HEIGHT = 842;
const MARGIN = 56;

/** Unicode code points of WinAnsiEncoding bytes 0x80-0x9F (the rest is Latin-1). */
const WIN_ANSI_HIGH: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
  0x02c6: 0x88, 0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91,
  0x2019: 0x92, 0x201c: 0x93, 0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98,
  0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b, 0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
  0x202f: 0x20, 0x2009: 0x20,
};

/** Byte of `ch` in WinAnsiEncoding, or `?` when the font cannot show it. */
function winAnsiByte(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if ((cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff)) return cp;
  if (cp === 0x09) return 0x20;
  return WIN_ANSI_HIGH[cp] ?? 0x3f;
}

/** A PDF literal string in WinAnsi bytes, kept 7-bit: specials escaped, high bytes as octal. */
export function pdfLiteral(text: string): string {
  let out = '(';
  for (const ch of text.normalize('NFC')) {
    const b = winAnsiByte(ch);
    if (b === 0x28 || b === 0x29 || b === 0x5c) out += '\\' + String.fromCharCode(b);
    else if (b >= 0x80) out += '\\' + b.toString(8).padStart(3, '0');
    else out += String.fromCharCode(b);
  }
  return out + ')';
}

/** Info-dictionary text string: UTF-16BE with BOM, as hex. */
function pdfTextString(text: string): string {
  const be = Buffer.from(text, 'utf16le').swap16();
  return `<FEFF${be.toString('hex').toUpperCase()}>`;
}

function contentStream(lines: string[], fontSize: number): string {
  const leading = Math.round(fontSize * 1.35 * 100) / 100;
  const ops = [`BT`, `/F1 ${fontSize} Tf`, `${leading} TL`, `${MARGIN} ${PAGE_HEIGHT - MARGIN - fontSize} Td`];
  lines.forEach((line, i) => ops.push(`${i ? 'T* ' : ''}${pdfLiteral(line)} Tj`));
  ops.push('ET');
  return ops.join('\n');
}

/**
 * A minimal PDF 1.4 with one text line per entry of each page, in Helvetica
 * (WinAnsiEncoding, so French text is shown and extractable). Lines are not
 * wrapped nor paginated: the caller lays them out.
 */
export function writeTextPdf(pages: string[][], opts: TextPdfOptions = {}): Buffer {
  const fontSize = opts.fontSize ?? 11;
  const pageList = pages.length ? pages : [[]];
  const objects: string[] = [];
  const add = (body: string) => objects.push(body);

  const firstPage = opts.title === undefined ? 4 : 5;
  const kids = pageList.map((_, i) => `${firstPage + 2 * i} 0 R`).join(' ');
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(`<< /Type /Pages /Kids [${kids}] /Count ${pageList.length} >>`);
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  if (opts.title !== undefined) add(`<< /Title ${pdfTextString(opts.title)} /Producer (openactes) >>`);
  pageList.forEach((lines, i) => {
    add(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] ` +
        `/Resources << /Font << /F1 3 0 R >> >> /Contents ${firstPage + 2 * i + 1} 0 R >>`,
    );
    const stream = contentStream(lines, fontSize);
    add(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  });

  let pdf = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets = objects.map((body, i) => {
    const offset = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xrefOffset = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f\r\n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n\r\n`;
  const info = opts.title === undefined ? '' : ' /Info 4 0 R';
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${info} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
