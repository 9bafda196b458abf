import { gunzipSync } from 'node:zlib';
import * as iconv from 'iconv-lite';
import { applyActesMessage, CodedError, initialLifecycleState, isLifecycleEvent } from '@openactes/domain';
import { readTar } from '../archive/tar';
import { readActesArchive } from './actes-archive';
import {
  buildActeArchiveFiles,
  buildPrefectureArchiveFiles,
  OutgoingActSpec,
  PrefectureArchiveSpec,
  writeActeArchive,
  writeAnnulationArchive,
  writeArchive,
  writePrefectureArchive,
} from './actes-writer';

const spec: OutgoingActSpec = {
  siren: '213502388',
  departement: '035',
  date: '2024-03-05',
  numeroInterne: 'DEL2024_042',
  nature: 'DE',
  matieres: [7, 10],
  objet: 'Délibération relative à la façade',
  document: { data: Buffer.from('%PDF-1.4 main'), pieceType: '99_DE' },
  annexes: [{ data: Buffer.from('%PDF-1.4 annex') }, { data: Buffer.from('png'), pieceType: '99_AN', extension: 'png' }],
  transmissionDate: '2024-03-07',
  transmissionNumber: 3,
};

function failure(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    if (err instanceof CodedError) return err.code;
    throw err;
  }
  throw new Error('expected a CodedError');
}

describe(writeActeArchive.name, () => {
  it('names the archive and its members as S²LOW does', () => {
    const { archiveName, data } = writeActeArchive(spec);
    expect(archiveName).toBe('SLO-EACT--213502388--20240307-3.tar.gz');
    expect(readTar(gunzipSync(data), { maxEntries: 10, maxEntrySize: 1e6 }).map((e) => e.name)).toEqual([
      'EACT--213502388--20240307-3.xml',
      '035-213502388-20240305-DEL2024_042-DE-1-1_0.xml',
      '99_DE-035-213502388-20240305-DEL2024_042-DE-1-1_1.pdf',
      '035-213502388-20240305-DEL2024_042-DE-1-1_2.pdf',
      '99_AN-035-213502388-20240305-DEL2024_042-DE-1-1_3.png',
    ]);
  });

  it('uses the operator trigram and TACT for tests, and defaults to the decision date', () => {
    expect(writeActeArchive({ ...spec, operator: 'SIC', test: true, transmissionDate: undefined, transmissionNumber: undefined }).archiveName).toBe(
      'SIC-TACT--213502388--20240305-1.tar.gz',
    );
  });

  it('is deterministic', () => {
    expect(writeActeArchive(spec).data.equals(writeActeArchive(spec).data)).toBe(true);
  });

  it('writes the Acte in the declared encoding, with qualified attributes in XSD order', () => {
    const [, acte] = buildActeArchiveFiles(spec).files;
    const xml = iconv.decode(acte.data, 'latin1');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="ISO-8859-1"\?>\n<actes:Acte /);
    expect(acte.data.includes(Buffer.from('Délibération', 'latin1'))).toBe(true);
    expect(xml).toContain('actes:Date="2024-03-05" actes:NumeroInterne="DEL2024_042" actes:CodeNatureActe="1"');
    const order = ['CodeMatiere1', 'CodeMatiere2', 'Objet', 'ClassificationDateVersion', 'Document', 'Annexes', 'DocumentPapier'];
    const positions = order.map((name) => xml.indexOf(`<actes:${name}`));
    expect(positions.every((p, i) => p > 0 && (i === 0 || p > positions[i - 1]))).toBe(true);
    expect(xml).toContain('<actes:Annexes actes:Nombre="2">');
  });

  it('writes UTF-8 when asked', () => {
    const [envelope, acte] = buildActeArchiveFiles({ ...spec, encoding: 'UTF-8', objet: 'Vœux & motions' }).files;
    expect(envelope.data.toString()).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(acte.data.toString()).toContain('<actes:Objet>Vœux &amp; motions</actes:Objet>');
  });

  it.each<[string, Partial<OutgoingActSpec>]>([
    ['a short SIREN', { siren: '1234' }],
    ['a 2-character département', { departement: '35' }],
    ['an impossible date', { date: '2024-02-30' }],
    ['a long NumeroInterne', { numeroInterne: 'X'.repeat(16) }],
    ['one matière level', { matieres: [7] }],
    ['œ in a Latin-1 Objet', { objet: "Maîtrise d'œuvre" }],
    ['a bad piece type', { document: { data: Buffer.alloc(0), pieceType: 'DE' } }],
  ])('refuses %s', (_, change) => {
    expect(failure(() => writeActeArchive({ ...spec, ...change }))).toBe('VALIDATION_FAILED');
  });
});

describe(writeArchive.name, () => {
  it('packs arbitrary members', () => {
    const { archiveName, data } = writeArchive([{ name: '../x', data: Buffer.from('x') }], 'bad.tar.gz');
    expect(archiveName).toBe('bad.tar.gz');
    expect(gunzipSync(data).subarray(0, 4).toString()).toBe('../x');
  });
});

const ID = '035-213502388-20240305-DEL2024_042-DE';
const prefecture: PrefectureArchiveSpec = {
  siren: '213502388',
  departement: '035',
  date: '2024-03-08',
  firstCounter: 5279,
  messages: [
    { kind: 'ARActe', act: spec, dateReception: '2024-03-07', classificationDateVersionEnCours: '2023-11-20' },
    { kind: 'AnomalieActe', act: { ...spec, numeroInterne: 'DEL2024_043' }, date: '2024-03-08', nature: '002', detail: "ODT-VERIF-01 : classification & date d'envoi" },
    { kind: 'ARAnnulation', idActe: ID, dateReception: '2024-04-02' },
  ],
};
const names = (files: { name: string }[]) => files.map((f) => f.name);

describe(writePrefectureArchive.name, () => {
  it('names the archive, the envelope and the counted messages as a prefecture does', () => {
    const { archiveName, files } = buildPrefectureArchiveFiles(prefecture);
    expect(archiveName).toBe('SLO-EACT--PREF035-213502388-20240308-1.tar.gz');
    expect(names(files)).toEqual([
      'EACT--PREF035-213502388-20240308-1.xml',
      `${ID}-1-2_5279.xml`,
      '035-213502388-20240305-DEL2024_043-DE-1-3_5280.xml',
      `${ID}-6-2_5281.xml`,
    ]);
    expect(buildPrefectureArchiveFiles({ ...prefecture, service: 'SPREF', arrondissement: '2', transmissionNumber: 9, test: true }).archiveName).toBe(
      'SLO-TACT--SPREF0352-213502388-20240308-9.tar.gz',
    );
  });

  it('is read back: envelope, AR with its echoed act, anomaly and AR of cancellation, without warnings', () => {
    const { envelope, messages, acts, warnings } = readActesArchive(writePrefectureArchive(prefecture).data);
    expect(envelope).toMatchObject({ kind: 'EnveloppeMISILLCL', siren: '213502388', departement: '035', emitter: { type: 'PREF', serviceId: 'PREF035' } });
    expect(acts).toEqual([]);
    expect(warnings).toEqual([]);
    const [ar, anomaly, arAnnulation] = messages;
    expect(ar).toMatchObject({
      kind: 'ARActe',
      idActe: ID,
      dateReception: '2024-03-07',
      classificationDateVersionEnCours: '2023-11-20',
      acteRecu: {
        date: '2024-03-05',
        numeroInterne: 'DEL2024_042',
        nature: 'DE',
        matieres: [7, 10],
        objet: spec.objet,
        documentFileName: `99_DE-${ID}-1-1_1.pdf`,
        annexeFileNames: [`${ID}-1-1_2.pdf`, `99_AN-${ID}-1-1_3.png`],
        documentPapier: false,
      },
      attachments: [],
      warnings: [],
    });
    expect(anomaly).toMatchObject({
      kind: 'AnomalieActe',
      date: '2024-03-08',
      nature: '002',
      detail: "ODT-VERIF-01 : classification & date d'envoi",
      acteRecu: { numeroInterne: 'DEL2024_043' },
      classificationDateVersionEnCours: '2024-03-05',
      warnings: [],
    });
    expect(arAnnulation).toMatchObject({ kind: 'ARAnnulation', idActe: ID, dateReception: '2024-04-02', warnings: [] });
  });

  it('echoes exactly the act that writeActeArchive sent', () => {
    const [sent] = readActesArchive(writeActeArchive(spec).data).acts;
    const [ar] = readActesArchive(writePrefectureArchive({ ...prefecture, messages: [prefecture.messages[0]] }).data).messages;
    const { kind, fileName, warnings, siren, departement, document, annexes, ...echoed } = sent;
    expect(ar).toMatchObject({ kind: 'ARActe', acteRecu: echoed });
  });

  it('writes messages that drive the act lifecycle as they are parsed', () => {
    const { messages } = readActesArchive(writePrefectureArchive(prefecture).data);
    const [ar, , arAnnulation] = messages.filter(isLifecycleEvent);
    let step = applyActesMessage(initialLifecycleState('published'), ar);
    expect(step.effects).toEqual([{ type: 'set_final_key', idActe: ID, dateReception: '2024-03-07' }]);
    step = applyActesMessage(step.state, arAnnulation);
    expect(step).toMatchObject({ state: { status: 'withdrawn', prefecture: 'cancelled' }, effects: [{ type: 'withdraw_from_publication', reason: 'cancelled' }] });
  });

  it.each<[string, Partial<PrefectureArchiveSpec>]>([
    ['no message', { messages: [] }],
    ['a bad date', { date: '2024-13-01' }],
    ['an anomaly nature that is not 3 digits', { messages: [{ kind: 'AnomalieActe', act: spec, date: '2024-03-08', nature: '999 ' }] }],
    ['an invalid act', { messages: [{ kind: 'ARActe', act: { ...spec, siren: '12' }, dateReception: '2024-03-07' }] }],
    ['a cancellation of no act', { messages: [{ kind: 'ARAnnulation', idActe: 'DEL2024_042', dateReception: '2024-04-02' }] }],
    ['a negative counter', { firstCounter: -1 }],
  ])('refuses %s', (_, change) => {
    expect(failure(() => writePrefectureArchive({ ...prefecture, ...change }))).toBe('VALIDATION_FAILED');
  });
});

describe(writeAnnulationArchive.name, () => {
  it('writes a collectivity cancellation (6-1) that reads back', () => {
    const { archiveName, data } = writeAnnulationArchive({ idActe: ID, transmissionDate: '2024-04-01', transmissionNumber: 2 });
    expect(archiveName).toBe('SLO-EACT--213502388--20240401-2.tar.gz');
    expect(names(readTar(gunzipSync(data), { maxEntries: 10, maxEntrySize: 1e6 }))).toEqual(['EACT--213502388--20240401-2.xml', `${ID}-6-1_0.xml`]);
    const { envelope, messages, warnings } = readActesArchive(data);
    expect(envelope).toMatchObject({ kind: 'EnveloppeCLMISILL', siren: '213502388', departement: '035' });
    expect(messages).toMatchObject([{ kind: 'Annulation', idActe: ID, warnings: [], attachments: [] }]);
    expect(warnings).toEqual([]);
  });

  it('refuses what is not an IDActe', () => {
    expect(failure(() => writeAnnulationArchive({ idActe: 'DEL2024_042', transmissionDate: '2024-04-01' }))).toBe('VALIDATION_FAILED');
  });
});
