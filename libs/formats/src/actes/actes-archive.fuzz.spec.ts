import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { CodedError } from '@openactes/domain';
import { buildActeArchiveFiles, readActesArchive, writeTar, type OutgoingActSpec } from '@openactes/formats';

/**
 * Hostile input: whatever bytes arrive, the reader either returns an archive
 * or throws a coded error — never anything else. (A short run here; the bench
 * target runs many more cases.)
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

const spec: OutgoingActSpec = {
  siren: '213509821',
  departement: '035',
  date: '2026-03-05',
  numeroInterne: '2026_014',
  nature: 'DE',
  matieres: [7, 1],
  objet: 'Décision modificative n° 1 du budget principal',
  document: { data: Buffer.from('%PDF-1.4\n% fuzz stand-in\n'), pieceType: '99_DE' },
  annexes: [{ data: Buffer.from('%PDF-1.4\n% annex\n') }],
};
const { files } = buildActeArchiveFiles(spec);
const tar = writeTar(files);
const gz = gzipSync(tar);

function readsOrCodedError(bytes: Buffer): void {
  try {
    readActesArchive(bytes);
  } catch (err) {
    if (!(err instanceof CodedError)) throw err;
  }
}

const mutations = (size: number) =>
  fc.array(fc.tuple(fc.nat({ max: size - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 16 });

function mutate(source: Buffer, changes: [number, number][]): Buffer {
  const copy = Buffer.from(source);
  for (const [at, value] of changes) copy[at] = value;
  return copy;
}

describe(readActesArchive.name, () => {
  it('survives random byte changes in the compressed archive', () => {
    fc.assert(fc.property(mutations(gz.length), (changes) => readsOrCodedError(mutate(gz, changes))), { numRuns: RUNS });
  });

  it('survives random byte changes in the tar (headers, XML, documents)', () => {
    fc.assert(fc.property(mutations(tar.length), (changes) => readsOrCodedError(gzipSync(mutate(tar, changes)))), { numRuns: RUNS });
  });

  it('survives truncation and arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.nat({ max: tar.length }), fc.uint8Array({ maxLength: 2048 }), (cut, noise) => {
        readsOrCodedError(gzipSync(Buffer.concat([tar.subarray(0, cut), Buffer.from(noise)])));
        readsOrCodedError(Buffer.from(noise));
      }),
      { numRuns: RUNS },
    );
  });

  it('survives mangled XML inside a well-formed tar', () => {
    const xmlFiles = files.filter((f) => f.name.endsWith('.xml'));
    fc.assert(
      fc.property(fc.constantFrom(...xmlFiles.map((f) => f.name)), fc.string({ maxLength: 64 }), fc.nat(), (name, insert, at) => {
        const mangled = files.map((f) => {
          if (f.name !== name) return f;
          const text = f.data.toString('latin1');
          const pos = at % (text.length + 1);
          return { ...f, data: Buffer.from(text.slice(0, pos) + insert + text.slice(pos), 'latin1') };
        });
        readsOrCodedError(gzipSync(writeTar(mangled)));
      }),
      { numRuns: RUNS },
    );
  });
});
