import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compare, NotXml, outline, OUTLINE_LIMITS } from '../../src/conformance/structure.js';

const LIST = `<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE AUTH_UNIX_LIST_OUTPUT SYSTEM "https://qualysapi.qualys.com/api/2.0/fo/auth/unix/auth_unix_list_output.dtd">
<!-- a comment -->
<AUTH_UNIX_LIST_OUTPUT>
  <RESPONSE>
    <DATETIME>2024-01-01T00:00:00Z</DATETIME>
    <AUTH_UNIX_LIST>
      <AUTH_UNIX><ID>1</ID><TITLE><![CDATA[a <b> title]]></TITLE><IP_SET><IP_RANGE network_id="0">10.0.0.1-10.0.0.2</IP_RANGE></IP_SET></AUTH_UNIX>
      <AUTH_UNIX><ID>2</ID><TITLE>b</TITLE><EMPTY/></AUTH_UNIX>
    </AUTH_UNIX_LIST>
  </RESPONSE>
</AUTH_UNIX_LIST_OUTPUT>
`;

const ERROR = (code: string, text: string) =>
  `<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE SIMPLE_RETURN SYSTEM "http://127.0.0.1:8780/api/2.0/simple_return.dtd">\n<SIMPLE_RETURN><RESPONSE><DATETIME>2024-01-01T00:00:00Z</DATETIME><CODE>${code}</CODE><TEXT>${text}</TEXT></RESPONSE></SIMPLE_RETURN>`;

describe('the outline of an answer', () => {
  it('has its root, DOCTYPE file, distinct element and attribute paths in order, CODE and TEXT', () => {
    expect(outline(LIST)).toEqual({
      root: 'AUTH_UNIX_LIST_OUTPUT',
      doctype: 'auth_unix_list_output.dtd',
      paths: [
        '/AUTH_UNIX_LIST_OUTPUT',
        '/AUTH_UNIX_LIST_OUTPUT/RESPONSE',
        '/AUTH_UNIX_LIST_OUTPUT/RESPONSE/DATETIME',
        '/AUTH_UNIX_LIST_OUTPUT/RESPONSE/AUTH_UNIX_LIST',
        '/AUTH_UNIX_LIST_OUTPUT/RESPONSE/AUTH_UNIX_LIST/AUTH_UNIX',
        '/AUTH_UNIX_LIST_OUTPUT/RESPONSE/AUTH_UNIX_LIST/AUTH_UNIX/ID',
        '/AUTH_UNIX_LIST_OUTPUT/RESPONSE/AUTH_UNIX_LIST/AUTH_UNIX/TITLE',
        '/AUTH_UNIX_LIST_OUTPUT/RESPONSE/AUTH_UNIX_LIST/AUTH_UNIX/IP_SET',
        '/AUTH_UNIX_LIST_OUTPUT/RESPONSE/AUTH_UNIX_LIST/AUTH_UNIX/IP_SET/IP_RANGE',
        '/AUTH_UNIX_LIST_OUTPUT/RESPONSE/AUTH_UNIX_LIST/AUTH_UNIX/IP_SET/IP_RANGE/@network_id',
        '/AUTH_UNIX_LIST_OUTPUT/RESPONSE/AUTH_UNIX_LIST/AUTH_UNIX/EMPTY',
      ],
      code: null,
      text: null,
    });
    expect(outline(ERROR('1905', 'a &amp; b &#x41;&#9999999999;'))).toMatchObject({
      root: 'SIMPLE_RETURN',
      doctype: 'simple_return.dtd',
      code: '1905',
      text: 'a & b A&#9999999999;',
    });
  });

  it('refuses what is not XML with a NotXml, whatever the bytes', () => {
    for (const bad of ['', 'hello', '<html><body>Bad gateway</body></html', '<A><B></A></B>', '<A/><B/>', '<A>', 'text<A/>', '<A><!-- x</A>'])
      expect(() => outline(bad), bad).toThrow(NotXml);
    const deep = `${'<A>'.repeat(OUTLINE_LIMITS.depth + 1)}${'</A>'.repeat(OUTLINE_LIMITS.depth + 1)}`;
    expect(() => outline(deep)).toThrow(NotXml);
    // any string, and any cut or splice of a real answer: an outline or a NotXml, nothing else
    const pieces = fc.oneof(
      fc.string(),
      fc.constantFrom('<', '>', '</', '/>', '<!--', '-->', '<![CDATA[', ']]>', '<!DOCTYPE A>', '&#99999999;', '<A b="c">', '</A>'),
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), fc.nat(LIST.length), fc.nat(LIST.length), (parts, a, b) => {
        for (const text of [parts.join(''), LIST.slice(0, a) + parts.join('') + LIST.slice(b)]) {
          try {
            outline(text);
          } catch (err) {
            if (!(err instanceof NotXml)) throw err;
          }
        }
      }),
      { seed: 25, numRuns: 2000 },
    );
  });

  it('keeps at most its limit of paths', () => {
    const many = `<R>${Array.from({ length: OUTLINE_LIMITS.paths + 50 }, (_, i) => `<E${i}/>`).join('')}</R>`;
    expect(outline(many).paths).toHaveLength(OUTLINE_LIMITS.paths);
  });
});

describe('the structural difference of two answers', () => {
  const o = (xml: string) => outline(xml);

  it('is none for the same structure with other values, counts and hosts', () => {
    const other = LIST.replace('qualysapi.qualys.com', '127.0.0.1:8780').replace(/<ID>2<\/ID><TITLE>b<\/TITLE>/, '<ID>99</ID><TITLE>zz</TITLE>');
    expect(compare({ status: 200, outline: o(LIST) }, { status: 200, outline: o(other) })).toBeNull();
    expect(
      compare(
        { status: 400, outline: o(ERROR('1905', 'parameter ids has invalid value: 5')) },
        { status: 400, outline: o(ERROR('1905', 'parameter ids has invalid value: 77')) },
      ),
    ).toBeNull();
  });

  it('names the paths missing, extra and out of order, and the envelope and TEXT that differ', () => {
    const emulator = LIST.replace('<ID>1</ID><TITLE><![CDATA[a <b> title]]></TITLE>', '<TITLE>a</TITLE><ID>1</ID>').replace('<EMPTY/>', '<EXTRA/>');
    expect(compare({ status: 200, outline: o(LIST) }, { status: 200, outline: o(emulator) })).toEqual({
      upstream: { status: 200, root: 'AUTH_UNIX_LIST_OUTPUT', doctype: 'auth_unix_list_output.dtd', code: null },
      emulator: { status: 200, root: 'AUTH_UNIX_LIST_OUTPUT', doctype: 'auth_unix_list_output.dtd', code: null },
      paths_missing: ['/AUTH_UNIX_LIST_OUTPUT/RESPONSE/AUTH_UNIX_LIST/AUTH_UNIX/EMPTY'],
      paths_extra: ['/AUTH_UNIX_LIST_OUTPUT/RESPONSE/AUTH_UNIX_LIST/AUTH_UNIX/EXTRA'],
      order: ['/AUTH_UNIX_LIST_OUTPUT/RESPONSE/AUTH_UNIX_LIST/AUTH_UNIX/ID'],
      text: null,
    });
    const d = compare({ status: 409, outline: o(ERROR('1920', 'IPs in use')) }, { status: 400, outline: o(ERROR('1905', 'IPs are used')) });
    expect(d).toMatchObject({
      upstream: { status: 409, code: '1920' },
      emulator: { status: 400, code: '1905' },
      text: { upstream: 'IPs in use', emulator: 'IPs are used' },
    });
    // an answer that was no XML, or a failed upstream, has no root
    expect(compare({ status: 502, outline: null }, { status: 200, outline: o(LIST) })?.upstream).toEqual({
      status: 502,
      root: null,
      doctype: null,
      code: null,
    });
  });
});
