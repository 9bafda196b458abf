import busboy from 'busboy';
import { CodedError } from '@openactes/domain';
import type { Request } from 'express';

export interface ReceivedBody {
  body: Buffer;
  /** The file name a multipart upload declared, if any. */
  fileName: string | null;
  contentType: string | null;
}

/**
 * The archive of a request: the raw body, or the `archive` field of a
 * multipart/form-data upload. Refused as soon as it exceeds the limit.
 */
export async function readArchiveBody(req: Request, limitBytes: number, field = 'archive'): Promise<ReceivedBody> {
  const contentType = req.headers['content-type'] ?? null;
  if (contentType && /^multipart\/form-data/i.test(contentType)) return readMultipartFile(req, limitBytes, field);
  return { body: await readRawBody(req, limitBytes), fileName: null, contentType };
}

export async function readRawBody(req: Request, limitBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) throw tooLarge(limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw tooLarge(limitBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

function readMultipartFile(req: Request, limitBytes: number, field: string): Promise<ReceivedBody> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: limitBytes, fields: 20, fieldSize: 64 * 1024, parts: 25 } });
    } catch {
      reject(new CodedError('VALIDATION_FAILED', 'Malformed multipart/form-data request'));
      return;
    }
    let found: ReceivedBody | null = null;
    let failure: CodedError | null = null;
    parser.on('file', (name, stream, info) => {
      if (name !== field) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => {
        failure = tooLarge(limitBytes);
      });
      stream.on('end', () => {
        found = { body: Buffer.concat(chunks), fileName: info.filename?.slice(0, 255) ?? null, contentType: info.mimeType ?? null };
      });
    });
    parser.on('error', () => reject(new CodedError('VALIDATION_FAILED', 'Malformed multipart/form-data request')));
    parser.on('close', () => {
      if (failure) reject(failure);
      else if (!found) reject(new CodedError('VALIDATION_FAILED', `The multipart request has no "${field}" file field`, { field }));
      else resolve(found);
    });
    req.pipe(parser);
  });
}

function tooLarge(limitBytes: number): CodedError {
  return new CodedError('PAYLOAD_TOO_LARGE', `The body exceeds the limit of ${limitBytes} bytes (MAX_ARCHIVE_BYTES)`, { limitBytes });
}
