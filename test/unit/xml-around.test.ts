import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cdataLeaf, el, elOf, leaf, prerender, renderXml, renderXmlAround, type XmlElement } from '../../src/qualys/xml.js';

/** A document with a list streamed into it is byte for byte the document rendered with the list in place. */
describe('renderXmlAround', () => {
  const child = (name: string, text: string, cdata: boolean): XmlElement => el(name, leaf('ID', text), cdata ? cdataLeaf('OS', text) : leaf('OS', text));
  const doc = (list: XmlElement, warn: boolean) => ({
    root: el('HOST_LIST_OUTPUT', el('RESPONSE', leaf('DATETIME', 'now'), list, warn && el('WARNING', leaf('CODE', '1980')))),
    dtdPath: '/x.dtd',
  });

  it('writes head, prerendered children and tail as renderXml writes the whole', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.boolean()), { minLength: 1, maxLength: 8 }), fc.boolean(), (items, warn) => {
        const children = items.map(([t, c]) => child('HOST', t, c));
        const whole = renderXml(doc(elOf('HOST_LIST', children), warn), 'http://h');
        const slot: XmlElement = { name: 'HOST_LIST' };
        const { head, tail } = renderXmlAround(doc(slot, warn), 'http://h', slot);
        const streamed = Buffer.concat([head, ...children.flatMap((c) => [prerender(c, 3).written!.bytes, Buffer.from('\n')]), tail]);
        expect(streamed.toString()).toBe(whole.toString());
      }),
    );
  });

  it('refuses a slot that is not in the document', () => {
    expect(() => renderXmlAround(doc(leaf('X', ''), false), 'http://h', { name: 'HOST_LIST' })).toThrow(/not in the document/);
  });
});
