import { buildPulledArchive, type PulledFile } from '@openactes/connectors';
import { CodedError } from '@openactes/domain';
import { buildActeArchiveFiles, readActesArchive, writeTextPdf, type OutgoingActSpec } from '@openactes/formats';

const spec: OutgoingActSpec = {
  siren: '213500713',
  departement: '035',
  date: '2026-02-03',
  numeroInterne: '2026_017',
  nature: 'DE',
  matieres: [7, 1],
  objet: 'Budget primitif 2026',
  document: { data: writeTextPdf([['Délibération', 'Budget primitif 2026']]), pieceType: '99_DE' },
  annexes: [{ data: writeTextPdf([['Annexe budgétaire']]), pieceType: '22_AT' }],
};

/** The files S²LOW lists for the transaction of this act: the Acte XML first, with its attached files. */
function platformFiles(s: OutgoingActSpec): PulledFile[] {
  const [, ...members] = buildActeArchiveFiles(s).files; // drop the envelope the platform does not give back
  return members.map((m) => ({ name: m.name, codePj: /^([0-9A-Z]{2}_[A-Z]{2})-/.exec(m.name)?.[1] ?? null, data: m.data }));
}

describe(buildPulledArchive.name, () => {
  it('rebuilds an archive that reads back as the act, with its files byte for byte', () => {
    const files = platformFiles(spec);
    const { archiveName, data } = buildPulledArchive({ remoteId: '4711', files });
    expect(archiveName).toBe('SLO-EACT--213500713--20260203-4711.tar.gz');

    const archive = readActesArchive(data);
    expect(archive.envelope).toMatchObject({ siren: '213500713', departement: '035', formulaires: [files[0].name] });
    expect(archive.warnings).toEqual([]);
    const [act] = archive.acts;
    expect(act).toMatchObject({ siren: '213500713', numeroInterne: '2026_017', date: '2026-02-03', nature: 'DE', objet: 'Budget primitif 2026' });
    expect(act.document).toMatchObject({ fileName: files[1].name, pieceType: '99_DE', mediaType: 'application/pdf' });
    expect(act.document.data.equals(files[1].data)).toBe(true);
    expect(act.annexes.map((a) => a.pieceType)).toEqual(['22_AT']);
  });

  it('gives the same bytes for the same files, so a re-pull is the same payload', () => {
    const files = platformFiles(spec);
    expect(buildPulledArchive({ remoteId: '4711', files }).data.equals(buildPulledArchive({ remoteId: '4711', files }).data)).toBe(true);
  });

  it('prefixes a file with its code_pj when the name lacks it, as the Acte names it', () => {
    const files = platformFiles(spec).map((f, i) => (i === 0 ? f : { ...f, name: f.name.replace(/^[0-9A-Z]{2}_[A-Z]{2}-/, '') }));
    const [act] = readActesArchive(buildPulledArchive({ remoteId: '12', files }).data).acts;
    expect([act.document, ...act.annexes].map((f) => f.pieceType)).toEqual(['99_DE', '22_AT']);
  });

  it('keeps a name the Acte mentions as it is', () => {
    const unprefixed = platformFiles({ ...spec, document: { data: spec.document.data }, annexes: [] });
    const [act] = readActesArchive(buildPulledArchive({ remoteId: '13', files: unprefixed.map((f) => ({ ...f, codePj: '99_DE' })) }).data).acts;
    expect(act.document.fileName).toBe(unprefixed[1].name);
  });

  it('refuses a transaction whose first file is not an Acte XML', () => {
    const [, document] = platformFiles(spec);
    const failure = (files: PulledFile[]) => {
      try {
        buildPulledArchive({ remoteId: '14', files });
        return null;
      } catch (err) {
        return err;
      }
    };
    expect(failure([document])).toMatchObject({ code: 'PLATFORM_BAD_RESPONSE' });
    expect(failure([])).toMatchObject({ code: 'PLATFORM_BAD_RESPONSE' });
    expect(failure([document])).toBeInstanceOf(CodedError);
  });
});
