import fc from 'fast-check';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { describe, expect, it } from 'vitest';
import { renderXml, scrub, type XmlElement } from '../../src/qualys/xml.js';

/** xmlbuilder2's own DOM and pretty printer: the reference the fast renderer must match. */
function appendReference(parent: XMLBuilder, node: XmlElement): void {
  const child = parent.ele(node.name);
  for (const [key, value] of Object.entries(node.attrs ?? {})) child.att(key, scrub(value));
  if (node.text !== undefined) {
    const text = scrub(node.text);
    if (node.cdata && !text.includes(']]>')) child.dat(text);
    else child.txt(text);
  }
  for (const c of node.children ?? []) appendReference(child, c);
}

function reference(root: XmlElement): string {
  const builder = create();
  appendReference(builder, root);
  return builder.end({ headless: true, prettyPrint: true, indent: '  ' });
}

const name = fc.constantFrom('A', 'B_C', 'ID', 'TITLE');
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom('', ' ', ']]>', 'a]]>b', '&<>"\'', '\r\n\t'));
const leaf: fc.Arbitrary<XmlElement> = fc.record({
  name, text: fc.option(text, { nil: undefined }), cdata: fc.boolean(), attrs: fc.option(fc.dictionary(name, text, { maxKeys: 2 }), { nil: undefined }),
});
// Elements hold text or children, never both (no envelope mixes them).
const tree = fc.letrec<{ node: XmlElement }>((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, fc.record({ name, children: fc.array(tie('node'), { maxLength: 4 }) })),
})).node;

describe('renderXml', () => {
  it('writes exactly what xmlbuilder2 writes for the same tree', () => {
    fc.assert(
      fc.property(tree, (root) => {
        const rendered = renderXml({ root, dtdPath: '/x.dtd' }, 'http://h');
        const [, , ...body] = rendered.split('\n');
        expect(body.join('\n')).toBe(`${reference(root)}\n`);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });
});
