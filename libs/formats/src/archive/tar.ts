import { CodedError } from '@openactes/domain';

export interface TarEntry {
  name: string;
  data: Buffer;
}

export interface TarLimits {
  maxEntries: number;
  maxEntrySize: number;
}

const BLOCK = 512;
const MAX_META_SIZE = 64 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Regular files of a ustar/POSIX tar held in memory; directories are skipped, anything else is refused. */
export function readTar(buf: Buffer, limits: TarLimits): TarEntry[] {
  if (buf.length < BLOCK) invalid('not_tar', 'Not a tar archive');
  const entries: TarEntry[] = [];
  const seen = new Set<string>();
  let members = 0;
  let pax: Record<string, string> = {};
  let longName: string | undefined;

  for (let offset = 0; offset + BLOCK <= buf.length; ) {
    const header = buf.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    if (!checksumMatches(header)) {
      invalid(offset === 0 ? 'not_tar' : 'bad_checksum', 'Not a tar archive or corrupt tar header', { offset });
    }
    const type = header[156] === 0 ? '0' : String.fromCharCode(header[156]);
    const meta = 'xgLK'.includes(type);
    const size = !meta && pax.size !== undefined ? Number(pax.size) : readNumber(header, 124, 12);
    if (!Number.isSafeInteger(size) || size < 0) invalid('bad_header', 'Invalid member size', { offset });
    if (size > (meta ? MAX_META_SIZE : limits.maxEntrySize)) {
      invalid('entry_too_large', `Archive member over ${limits.maxEntrySize} bytes`, { offset, size, maxEntrySize: limits.maxEntrySize });
    }
    const start = offset + BLOCK;
    if (start + size > buf.length) invalid('truncated', 'Truncated tar archive', { offset });
    const data = buf.subarray(start, start + size);
    offset = start + Math.ceil(size / BLOCK) * BLOCK;

    if (type === 'x') pax = parsePax(data);
    if (type === 'L') longName = decodeName(cString(data));
    if (meta) continue;

    const name = safeName(pax.path ?? longName ?? headerName(header));
    pax = {};
    longName = undefined;
    if (++members > limits.maxEntries) {
      invalid('too_many_entries', `More than ${limits.maxEntries} archive members`, { maxEntries: limits.maxEntries });
    }
    if (type === '5') continue;
    if (type !== '0' && type !== '7') {
      invalid('unsupported_entry_type', `Archive member ${name} is not a regular file`, { name, type });
    }
    if (seen.has(name)) invalid('duplicate_name', `Duplicate archive member ${name}`, { name });
    seen.add(name);
    entries.push({ name, data });
  }
  return entries;
}

/** A deterministic flat ustar archive: regular files, mode 0644, uid/gid/mtime 0. */
export function writeTar(files: readonly TarEntry[]): Buffer {
  const chunks: Buffer[] = [];
  for (const { name, data } of files) {
    if (Buffer.byteLength(name) > 100) chunks.push(...member(`PaxHeader/${asciiName(name)}`, 'x', paxRecord('path', name)));
    chunks.push(...member(name, '0', data));
  }
  chunks.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(chunks);
}

function member(name: string, type: string, data: Buffer): Buffer[] {
  const h = Buffer.alloc(BLOCK);
  const nameBytes = Buffer.from(name);
  (nameBytes.length > 100 ? Buffer.from(asciiName(name)) : nameBytes).copy(h, 0);
  writeOctal(h, 100, 8, 0o644);
  writeOctal(h, 108, 8, 0);
  writeOctal(h, 116, 8, 0);
  writeOctal(h, 124, 12, data.length);
  writeOctal(h, 136, 12, 0);
  h.write(type, 156, 'latin1');
  h.write('ustar\u000000', 257, 'latin1');
  h.fill(0x20, 148, 156);
  h.write(`${sum(h).toString(8).padStart(6, '0')}\u0000 `, 148, 'latin1');
  return [h, data, Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK)];
}

function asciiName(name: string): string {
  return name.replace(/[^\x20-\x7e]/g, '_').slice(-90);
}

function paxRecord(key: string, value: string): Buffer {
  const body = ` ${key}=${value}\n`;
  const bodyLength = Buffer.byteLength(body);
  let length = bodyLength + 1;
  while (String(length).length + bodyLength !== length) length++;
  return Buffer.from(`${length}${body}`);
}

function parsePax(data: Buffer): Record<string, string> {
  const records: Record<string, string> = {};
  for (let at = 0; at < data.length; ) {
    const space = data.indexOf(0x20, at);
    const length = Number(data.subarray(at, space).toString('latin1'));
    if (space < 0 || !Number.isSafeInteger(length) || length <= 0 || at + length > data.length) {
      invalid('bad_header', 'Invalid pax extended header');
    }
    const record = data.subarray(space + 1, at + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) records[record.slice(0, eq)] = record.slice(eq + 1);
    at += length;
  }
  return records;
}

function headerName(h: Buffer): string {
  const name = cString(h.subarray(0, 100));
  const isUstar = h.subarray(257, 262).toString('latin1') === 'ustar';
  const prefix = isUstar ? cString(h.subarray(345, 500)) : Buffer.alloc(0);
  return decodeName(prefix.length > 0 ? Buffer.concat([prefix, Buffer.from('/'), name]) : name);
}

function safeName(raw: string): string {
  const name = raw.replace(/^(\.\/)+/, '');
  const unsafe =
    name === '' ||
    name.includes('\\') ||
    name.includes('\u0000') ||
    name.startsWith('/') ||
    /^[A-Za-z]:/.test(name) ||
    name.split('/').includes('..');
  if (unsafe) invalid('unsafe_path', `Unsafe archive member name ${JSON.stringify(raw)}`, { name: raw });
  return name.replace(/\/$/, '');
}

function decodeName(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

function cString(b: Buffer): Buffer {
  const end = b.indexOf(0);
  return end < 0 ? b : b.subarray(0, end);
}

function readNumber(h: Buffer, offset: number, length: number): number {
  const field = h.subarray(offset, offset + length);
  if (field[0] & 0x80) {
    let value = field[0] & 0x7f;
    for (const byte of field.subarray(1)) value = value * 256 + byte;
    return value;
  }
  const text = cString(field).toString('latin1').trim();
  return /^[0-7]*$/.test(text) ? parseInt(text || '0', 8) : NaN;
}

function writeOctal(h: Buffer, offset: number, length: number, value: number): void {
  h.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, offset, 'latin1');
}

function sum(h: Buffer): number {
  return h.reduce((total, b) => total + b, 0);
}

function checksumMatches(h: Buffer): boolean {
  const stored = readNumber(h, 148, 8);
  const blank = Buffer.from(h);
  blank.fill(0x20, 148, 156);
  const signed = blank.reduce((total, b) => total + (b > 127 ? b - 256 : b), 0);
  return stored === sum(blank) || stored === signed;
}

function invalid(reason: string, message: string, details: Record<string, unknown> = {}): never {
  throw new CodedError('INVALID_ARCHIVE', message, { reason, ...details });
}
