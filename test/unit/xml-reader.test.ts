import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readXml, XmlReadError, type XmlNode } from '../../src/qualys/xml-reader.js';

const LIMITS = { maxDepth: 8, maxElements: 100 };
const read = (text: string) => readXml(text, LIMITS);
/** Name, attributes, text and children, for plain comparison. */
const shape = (n: XmlNode): unknown => [n.name, Object.fromEntries(n.attrs), n.text, n.children.map(shape)];
const refusal = (text: string) => {
  try {
    read(text);
  } catch (err) {
    expect(err).toBeInstanceOf(XmlReadError);
    return (err as Error).message;
  }
  throw new Error(`read: ${text}`);
};

describe('readXml', () => {
  it("reads a sample's shape: declaration, comments, attributes, CDATA, references, empty elements", () => {
    const doc = read(`\uFEFF<?xml version="1.0" encoding="UTF-8" ?>
<!-- before -->
<UNIX_AUTH_PARAMS>
  <ROOT_TOOLS>
    <ROOT_TOOL><ID>7</ID><STANDARD_TYPE type='sudo'/>
      <!-- a comment inside -->
      <PASSWORD_INFO type="basic"><PASSWORD><![CDATA[p<&>]]]]><![CDATA[>x]]></PASSWORD></PASSWORD_INFO>
    </ROOT_TOOL>
  </ROOT_TOOLS>
  <TEXT a="&lt;&amp;&#65;&#x42;&quot;&apos;&gt;">t&amp;x&#x1F600;</TEXT>
</UNIX_AUTH_PARAMS>
<!-- after -->
`);
    const [tools, text] = doc.children;
    expect(doc.name).toBe('UNIX_AUTH_PARAMS');
    expect(shape(tools.children[0])).toEqual([
      'ROOT_TOOL',
      {},
      expect.any(String),
      [
        ['ID', {}, '7', []],
        ['STANDARD_TYPE', { type: 'sudo' }, '', []],
        ['PASSWORD_INFO', { type: 'basic' }, expect.any(String), [['PASSWORD', {}, 'p<&>]]>x', []]]],
      ],
    ]);
    expect(shape(text)).toEqual(['TEXT', { a: '<&AB"\'>' }, 't&x\u{1F600}', []]);
  });

  it('refuses what could reach outside the document or is not well-formed, saying why', () => {
    const cases: [string, RegExp][] = [
      ['<!DOCTYPE A [<!ENTITY x SYSTEM "file:///etc/passwd">]><A>&x;</A>', /DOCTYPE is not accepted/],
      ['<A>&x;</A>', /reference to an entity other than/],
      ['<A>&amp</A>', /& not starting a reference/],
      ['<?xml-stylesheet href="x"?><A/>', /processing instructions/],
      ['<A><?pi x?></A>', /processing instructions/],
      ['<A><!ELEMENT B ANY></A>', /declarations are not accepted/],
      ['<?xml version="1.0" encoding="ISO-8859-1"?><A/>', /encoding "ISO-8859-1" is not supported/],
      ['<?xml encoding="UTF-8"?><A/>', /version/],
      ['<A><B></A>', /<\/A> closes <B>/],
      ['<A>', /unclosed element A/],
      ['<A></A><B/>', /content after the root element/],
      ['text<A/>', /text before the root element/],
      ['', /no root element/],
      ['</A>', /a root element expected/],
      ['<A x="1" x="2"/>', /attribute x given twice/],
      ['<A x=1/>', /quoted value/],
      ['<A x="<"/>', /< in the value/],
      ['<Ax="1"/>', /= expected|space, > or \/> expected/],
      ['<A><!-- a -- b --></A>', /"--" inside a comment/],
      ['<A><![CDATA[x</A>', /unterminated CDATA/],
      ['<A>a]]>b</A>', /]]> in character data/],
      ['<A>\u0001</A>', /characters XML cannot carry/],
      ['<A>&#0;</A>', /not an XML character/],
      ['<A>&#x110000;</A>', /not an XML character/],
      ['<1A/>', /a root element expected/],
    ];
    for (const [text, reason] of cases) expect(refusal(text), text).toMatch(reason);
  });

  it('bounds depth and element count', () => {
    expect(read('<a>'.repeat(8) + '</a>'.repeat(8)).name).toBe('a');
    expect(refusal('<a>'.repeat(9) + '</a>'.repeat(9))).toMatch(/nested deeper than 8/);
    expect(read(`<a>${'<b/>'.repeat(99)}</a>`).children).toHaveLength(99);
    expect(refusal(`<a>${'<b/>'.repeat(100)}</a>`)).toMatch(/more than 100 elements/);
    // a million opening tags is refused at the bound, not by the call stack
    expect(readXmlError(() => readXml('<a>'.repeat(1_000_000), { maxDepth: 10_000_000, maxElements: 10_000_000 }))).toMatch(/unclosed element a/);
  });

  it('never throws anything but an XmlReadError, whatever the text', () => {
    const pieces = fc.constantFrom(
      '<',
      '>',
      '/',
      'A',
      'B',
      '=',
      '"',
      "'",
      ' ',
      '&',
      ';',
      '#',
      'x',
      '!',
      '-',
      '[',
      ']',
      '?',
      'CDATA',
      '<A>',
      '</A>',
      '<!--',
      '-->',
      '&amp;',
      '<![CDATA[',
      ']]>',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        try {
          readXml(parts.join(''), LIMITS);
        } catch (err) {
          expect(err).toBeInstanceOf(XmlReadError);
        }
      }),
      { seed: 20, numRuns: 3000 },
    );
  });
});

function readXmlError(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(XmlReadError);
    return (err as Error).message;
  }
  return 'no error';
}
