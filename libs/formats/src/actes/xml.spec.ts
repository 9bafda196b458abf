import * as iconv from 'iconv-lite';
import { CodedError } from '@openactes/domain';
import { decodeXml, parseXml } from './xml';

const NS = 'http://www.interieur.gouv.fr/ACTES#v1.1-20040216';

function failure(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    if (err instanceof CodedError) return { code: err.code, reason: err.details?.reason };
    throw err;
  }
  throw new Error('expected a CodedError');
}

describe(parseXml.name, () => {
  it('resolves element and attribute names to namespace URI and local name, whatever the prefixes', () => {
    const xml = `<p:Acte xmlns:p="${NS}" xmlns:i="http://xml.insee.fr/schema" p:Date="2024-01-02" Plain="1"><Objet xmlns="${NS}">x</Objet><p:Doc xmlns:p="urn:other" p:a="b"/></p:Acte>`;
    const root = parseXml(Buffer.from(xml), 'a.xml');
    expect(root).toMatchObject({ ns: NS, name: 'Acte' });
    expect(root.attrs).toEqual([
      { ns: NS, name: 'Date', value: '2024-01-02' },
      { ns: '', name: 'Plain', value: '1' },
    ]);
    expect(root.children.map((c) => [c.ns, c.name])).toEqual([
      [NS, 'Objet'],
      ['urn:other', 'Doc'],
    ]);
    expect(root.children[1].attrs).toEqual([{ ns: 'urn:other', name: 'a', value: 'b' }]);
  });

  it('decodes predefined entities, character references and CDATA, keeping inner spaces', () => {
    const root = parseXml(Buffer.from(`<r a="x &amp; &quot;y&quot;">a &lt; b &#233;&#xE8; <![CDATA[ &amp; <c> ]]> d</r>`), 'a.xml');
    expect(root.text).toBe('a < b éè  &amp; <c>  d');
    expect(root.attrs[0].value).toBe('x & "y"');
  });

  it.each([
    ['billion laughs', '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>'],
    ['an external entity', '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><r>&xxe;</r>'],
    ['a bare DOCTYPE', '<!DOCTYPE r SYSTEM "http://example.com/r.dtd"><r/>'],
  ])('refuses %s before parsing', (_, xml) => {
    expect(failure(() => parseXml(Buffer.from(xml), 'a.xml'))).toEqual({ code: 'INVALID_XML', reason: 'doctype' });
  });

  it.each([
    ['unclosed tag', '<a><b></a>'],
    ['two roots', '<a/><b/>'],
    ['text outside the root', 'x<a/>'],
    ['empty input', ''],
    ['a repeated attribute', '<a x="1" x="2"/>'],
    ['a reserved name', '<a __proto__="1"/>'],
  ])('refuses malformed XML: %s', (_, xml) => {
    expect(failure(() => parseXml(Buffer.from(xml), 'a.xml'))).toEqual({ code: 'INVALID_XML', reason: 'malformed' });
  });

  it('refuses undeclared prefixes and undefined entities', () => {
    expect(failure(() => parseXml(Buffer.from('<a:r/>'), 'a.xml'))).toEqual({ code: 'INVALID_XML', reason: 'undeclared_prefix' });
    expect(failure(() => parseXml(Buffer.from('<r>&nbsp;</r>'), 'a.xml'))).toEqual({ code: 'INVALID_XML', reason: 'undefined_entity' });
  });
});

describe(decodeXml.name, () => {
  const text = 'Délibération façade hôtel';

  it('uses the declared ISO-8859-1, reading the windows-1252 extras too', () => {
    const xml = `<?xml version="1.0" encoding="ISO-8859-1"?><r>${text}</r>`;
    expect(decodeXml(iconv.encode(xml, 'latin1'), 'a.xml')).toBe(xml);
    const cp1252 = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="iso-8859-1"?><r>'), Buffer.from([0x9c, 0x80]), Buffer.from('</r>')]);
    expect(decodeXml(cp1252, 'a.xml')).toContain('<r>œ€</r>');
  });

  it('uses a declared UTF-8, with or without BOM, and refuses invalid bytes', () => {
    const xml = `<?xml version='1.0' encoding='UTF-8' standalone='yes'?><r>${text}</r>`;
    expect(decodeXml(Buffer.from(xml), 'a.xml')).toBe(xml);
    expect(decodeXml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml)]), 'a.xml')).toBe(xml);
    expect(failure(() => decodeXml(iconv.encode(xml, 'latin1'), 'a.xml'))).toEqual({ code: 'INVALID_XML', reason: 'bad_encoding' });
  });

  it('without declaration, takes UTF-8 when valid and Latin-1 otherwise', () => {
    expect(decodeXml(Buffer.from(`<r>${text}</r>`), 'a.xml')).toBe(`<r>${text}</r>`);
    expect(decodeXml(iconv.encode(`<r>${text}</r>`, 'latin1'), 'a.xml')).toBe(`<r>${text}</r>`);
  });

  it('refuses an unknown encoding', () => {
    expect(failure(() => decodeXml(Buffer.from('<?xml version="1.0" encoding="x-klingon"?><r/>'), 'a.xml'))).toEqual({
      code: 'INVALID_XML',
      reason: 'unsupported_encoding',
    });
  });
});
