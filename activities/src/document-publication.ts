import { createHash } from 'node:crypto';
import type { ActEntity, DocumentEntity, DocumentPublication, DocumentPublicationStore } from '@openactes/persistence';
import { measureTextLayer, PAGE_BREAK, writeTextPdf } from '@openactes/formats';

/** Helvetica 11 pt on A4 with the writer's margins: about this many characters per line and lines per page. */
const LINE_WIDTH = 90;
const LINES_PER_PAGE = 48;

/** Lays out a text for `writeTextPdf`: its own pages, long lines wrapped at spaces, long pages split. */
export function layoutPages(text: string, width = LINE_WIDTH, linesPerPage = LINES_PER_PAGE): string[][] {
  const pages: string[][] = [];
  for (const page of text.split(PAGE_BREAK)) {
    const lines = page.split('\n').flatMap((line) => wrap(line, width));
    for (let k = 0; k < Math.max(lines.length, 1); k += linesPerPage) pages.push(lines.slice(k, k + linesPerPage));
  }
  return pages;
}

function wrap(line: string, width: number): string[] {
  const out: string[] = [];
  let rest = line.trimEnd();
  while (rest.length > width) {
    const cut = rest.lastIndexOf(' ', width);
    const at = cut > width / 2 ? cut : width;
    out.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  out.push(rest);
  return out;
}

export type DocumentChoice = { documentId: string; publishedAs: 'original' | 'regenerated' | null; reason: string };

/**
 * Which version of each file of an approved act is published: the original PDF only when the
 * anonymiser redacted nothing in it, the policy publishes it as it is and its text layer could
 * be checked; otherwise a PDF regenerated from its pseudonymised text. A file never anonymised
 * (not a PDF, or not published by the policy) is not published.
 */
export async function publishDocuments(
  act: ActEntity,
  documents: DocumentEntity[],
  store: DocumentPublicationStore,
  at: Date,
): Promise<DocumentChoice[]> {
  const choices: DocumentChoice[] = [];
  const publications: DocumentPublication[] = [];
  // A reviewer approved an act the policy held (contracts): its main file goes out, though never as it is.
  const approvedByReviewer = act.publication?.act === 'review';
  for (const doc of documents) {
    const eligible = doc.publish === true || (doc.role === 'main' && approvedByReviewer);
    if (!eligible || doc.mediaType !== 'application/pdf') {
      choices.push({ documentId: doc.id, publishedAs: null, reason: eligible ? 'not_pdf' : 'policy' });
      continue;
    }
    const { text, pseudonymisedText, entities } = await store.anonymisationOf(doc.id);
    if (text === null || pseudonymisedText === null || entities === null) {
      choices.push({ documentId: doc.id, publishedAs: null, reason: 'not_anonymised' });
      continue;
    }
    const redacted = entities.filter((e) => e.action === 'redact').length;
    const textLayerUsable = !measureTextLayer(text.split(PAGE_BREAK)).needsOcr;
    if (redacted === 0 && textLayerUsable && doc.publish === true) {
      publications.push({ documentId: doc.id, publishedAs: 'original', content: null, sha256: doc.sha256, size: doc.sizeBytes });
      choices.push({ documentId: doc.id, publishedAs: 'original', reason: 'nothing_redacted' });
      continue;
    }
    if (!pseudonymisedText.trim()) {
      choices.push({ documentId: doc.id, publishedAs: null, reason: 'no_text' });
      continue;
    }
    const pdf = writeTextPdf(layoutPages(pseudonymisedText));
    publications.push({ documentId: doc.id, publishedAs: 'regenerated', content: pdf, sha256: createHash('sha256').update(pdf).digest('hex'), size: pdf.length });
    choices.push({ documentId: doc.id, publishedAs: 'regenerated', reason: redacted ? 'redacted' : textLayerUsable ? 'policy' : 'needs_ocr' });
  }
  await store.savePublications(act.id, publications, at);
  return choices;
}
