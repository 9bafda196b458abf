import { CodedError } from '@openactes/domain';
import { readTar, writeTar } from './tar';

const limits = { maxEntries: 10, maxEntrySize: 1024 * 1024 };

function header(tar: Buffer, index = 0): Buffer {
  return tar.subarray(index * 512, index * 512 + 512);
}

/** Edits a header in place and fixes its checksum, as a hostile tool would. */
function patch(tar: Buffer, edit: (h: Buffer) => void, index = 0): Buffer {
  const h = header(tar, index);
  edit(h);
  h.fill(0x20, 148, 156);
  const sum = h.reduce((t, b) => t + b, 0);
  h.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 'latin1');
  return tar;
}

function setName(name: string): (h: Buffer) => void {
  return (h) => {
    h.fill(0, 0, 100);
    h.write(name, 0, 'utf8');
  };
}

function reason(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    if (err instanceof CodedError) return { code: err.code, reason: err.details?.reason };
    throw err;
  }
  throw new Error('expected a CodedError');
}

describe(writeTar.name, () => {
  it('writes deterministic archives padded to 512-byte blocks', () => {
    const files = [{ name: 'a.txt', data: Buffer.from('hello') }];
    const tar = writeTar(files);
    expect(tar.length % 512).toBe(0);
    expect(tar.equals(writeTar(files))).toBe(true);
    expect(header(tar).subarray(257, 262).toString()).toBe('ustar');
  });
});

describe(readTar.name, () => {
  it('reads back what writeTar wrote, including empty and multi-block files', () => {
    const files = [
      { name: 'EACT--123456789--20240101-1.xml', data: Buffer.from('<x/>') },
      { name: 'empty.bin', data: Buffer.alloc(0) },
      { name: 'big.bin', data: Buffer.alloc(1300, 7) },
      { name: 'Délibération é.pdf', data: Buffer.from('%PDF-') },
    ];
    expect(readTar(writeTar(files), limits)).toEqual(files);
  });

  it('reads names longer than 100 bytes through a pax header', () => {
    const files = [{ name: `${'n'.repeat(150)}.pdf`, data: Buffer.from('x') }];
    expect(readTar(writeTar(files), limits)).toEqual(files);
  });

  it('reads the ustar prefix field and skips directories and ./', () => {
    const tar = writeTar([
      { name: 'dir', data: Buffer.alloc(0) },
      { name: 'file', data: Buffer.from('x') },
    ]);
    patch(tar, (h) => h.write('5', 156), 0);
    patch(tar, (h) => h.write('./sub', 345), 1);
    expect(readTar(tar, limits)).toEqual([{ name: 'sub/file', data: Buffer.from('x') }]);
  });

  it('reads GNU long names', () => {
    const long = `${'l'.repeat(120)}.pdf`;
    const tar = writeTar([
      { name: '././@LongLink', data: Buffer.from(`${long}\u0000`) },
      { name: 'short', data: Buffer.from('x') },
    ]);
    patch(tar, (h) => h.write('L', 156), 0);
    expect(readTar(tar, limits)).toEqual([{ name: long, data: Buffer.from('x') }]);
  });

  it('refuses what is not a tar', () => {
    expect(reason(() => readTar(Buffer.alloc(1024, 'a'), limits))).toEqual({ code: 'INVALID_ARCHIVE', reason: 'not_tar' });
    expect(reason(() => readTar(Buffer.alloc(10), limits))).toEqual({ code: 'INVALID_ARCHIVE', reason: 'not_tar' });
  });

  it('refuses a truncated member', () => {
    const tar = writeTar([{ name: 'a', data: Buffer.alloc(2000) }]).subarray(0, 1024);
    expect(reason(() => readTar(tar, limits))).toEqual({ code: 'INVALID_ARCHIVE', reason: 'truncated' });
  });

  it.each(['../x', 'a/../../x', '/etc/passwd', 'a\\b', 'C:/x'])('refuses the unsafe path %s', (name) => {
    const tar = patch(writeTar([{ name: 'placeholder', data: Buffer.from('x') }]), setName(name));
    expect(reason(() => readTar(tar, limits))).toEqual({ code: 'INVALID_ARCHIVE', reason: 'unsafe_path' });
  });

  it('refuses an unsafe path given by a pax header', () => {
    const tar = writeTar([{ name: `../${'x'.repeat(120)}`, data: Buffer.from('x') }]);
    expect(reason(() => readTar(tar, limits))).toEqual({ code: 'INVALID_ARCHIVE', reason: 'unsafe_path' });
  });

  it.each([
    ['symlink', '2'],
    ['hard link', '1'],
    ['character device', '3'],
    ['block device', '4'],
    ['fifo', '6'],
  ])('refuses a %s member', (_, type) => {
    const tar = patch(writeTar([{ name: 'link', data: Buffer.alloc(0) }]), (h) => {
      h.write(type, 156);
      h.write('/etc/passwd', 157);
    });
    expect(reason(() => readTar(tar, limits))).toEqual({ code: 'INVALID_ARCHIVE', reason: 'unsupported_entry_type' });
  });

  it('refuses too many members', () => {
    const files = Array.from({ length: 11 }, (_, i) => ({ name: `f${i}`, data: Buffer.from('x') }));
    expect(reason(() => readTar(writeTar(files), limits))).toEqual({ code: 'INVALID_ARCHIVE', reason: 'too_many_entries' });
  });

  it('refuses a member over the size limit before reading it', () => {
    const tar = writeTar([{ name: 'big', data: Buffer.alloc(2048) }]);
    expect(reason(() => readTar(tar, { ...limits, maxEntrySize: 2047 }))).toEqual({
      code: 'INVALID_ARCHIVE',
      reason: 'entry_too_large',
    });
  });

  it('refuses duplicate names', () => {
    const tar = writeTar([
      { name: 'a', data: Buffer.from('1') },
      { name: './a', data: Buffer.from('2') },
    ]);
    expect(reason(() => readTar(tar, limits))).toEqual({ code: 'INVALID_ARCHIVE', reason: 'duplicate_name' });
  });
});
