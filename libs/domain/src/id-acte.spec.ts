import { formatIdActe, idActeMatchesProvisionalKey, isStrictIdActe, parseIdActe, provisionalActKey } from '@openactes/domain';

describe(parseIdActe.name, () => {
  it('splits an IDActe into its parts', () => {
    expect(parseIdActe('034-491011698-20171207-CL20171227_06-DE')).toEqual({
      departement: '034',
      siren: '491011698',
      date: '2017-12-07',
      numeroInterne: 'CL20171227_06',
      nature: 'DE',
    });
    expect(parseIdActe(' 02A-214400152-20181106-TEST_DGCL_4-AI ')).toMatchObject({ departement: '02A', numeroInterne: 'TEST_DGCL_4' });
  });

  it('tolerates a NumeroInterne the XSD refuses', () => {
    expect(parseIdActe('035-213502388-20240305-2024-042/B-DE')).toMatchObject({ numeroInterne: '2024-042/B', nature: 'DE' });
  });

  it.each(['', '34-491011698-20171207-X-DE', '034-49101169-20171207-X-DE', '034-491011698-20170230-X-DE', '034-491011698-20171207--DE', '034-491011698-20171207-X-de'])(
    'returns null for %j',
    (id) => expect(parseIdActe(id)).toBeNull(),
  );
});

describe(isStrictIdActe.name, () => {
  it('follows the XSD pattern', () => {
    expect(isStrictIdActe('034-491011698-20171207-CL20171227_06-DE')).toBe(true);
    expect(isStrictIdActe('034-491011698-20171207-CL20171227_06_LONG-DE')).toBe(false);
    expect(isStrictIdActe('034-491011698-20171207-2017-06-DE')).toBe(false);
  });
});

describe(formatIdActe.name, () => {
  it('is the inverse of parseIdActe', () => {
    const id = '006-210600235-20180522-684-AI';
    expect(formatIdActe(parseIdActe(id)!)).toBe(id);
  });
});

describe(idActeMatchesProvisionalKey.name, () => {
  const key = provisionalActKey({ siren: '491011698', date: '2017-12-07', numeroInterne: 'CL20171227_06', nature: 'DE' });

  it('recognises the act registered before the AR', () => {
    expect(idActeMatchesProvisionalKey('034-491011698-20171207-CL20171227_06-DE', key)).toBe(true);
  });

  it.each([
    ['another number', '034-491011698-20171207-CL20171227_07-DE'],
    ['another date', '034-491011698-20171208-CL20171227_06-DE'],
    ['another nature', '034-491011698-20171207-CL20171227_06-AR'],
    ['another SIREN', '034-491011699-20171207-CL20171227_06-DE'],
    ['no IDActe', 'nonsense'],
  ])('tells apart %s', (_, id) => expect(idActeMatchesProvisionalKey(id, key)).toBe(false));
});
