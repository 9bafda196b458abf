import { CodedError } from '@openactes/domain';
import type { Request } from 'express';

/** Reads a request body into memory, refusing it as soon as it exceeds the limit. */
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

function tooLarge(limitBytes: number): CodedError {
  return new CodedError('PAYLOAD_TOO_LARGE', `The body exceeds the limit of ${limitBytes} bytes (MAX_ARCHIVE_BYTES)`, { limitBytes });
}
