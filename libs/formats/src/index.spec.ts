import * as formats from '@openactes/formats';

describe('@openactes/formats', () => {
  it('exposes the ACTES reader and writer, and keeps XML helpers internal', () => {
    const { data } = formats.writeActeArchive({
      siren: '213502388',
      departement: '035',
      date: '2024-03-05',
      numeroInterne: '42',
      nature: 'AR',
      matieres: [6, 1],
      objet: 'Arrêté de circulation',
      document: { data: Buffer.from('%PDF-1.4') },
    });
    expect(formats.readActesArchive(data).acts[0]).toMatchObject({ nature: 'AR', objet: 'Arrêté de circulation' });
    expect(Object.keys(formats)).not.toContain('parseXml');
    expect(formats.DEFAULT_ARCHIVE_LIMITS.maxCompressedBytes).toBe(50 * 1024 * 1024);
  });
});
