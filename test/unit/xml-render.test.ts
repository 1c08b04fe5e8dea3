import fc from 'fast-check';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { describe, expect, it } from 'vitest';
import { prerender, renderXml, scrub, type XmlElement } from '../../src/qualys/xml.js';

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
  name,
  text: fc.option(text, { nil: undefined }),
  cdata: fc.boolean(),
  attrs: fc.option(fc.dictionary(name, text, { maxKeys: 2 }), { nil: undefined }),
});
// Elements hold text or children, never both (no envelope mixes them).
const tree = fc.letrec<{ node: XmlElement }>((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, fc.record({ name, children: fc.array(tie('node'), { maxLength: 4 }) })),
})).node;

describe('renderXml', () => {
  it('writes exactly what xmlbuilder2 writes for the same tree', () => {
    fc.assert(
      fc.property(tree, (root) => {
        const rendered = renderXml({ root, dtdPath: '/x.dtd' }, 'http://h').toString('utf8');
        const [, , ...body] = rendered.split('\n');
        expect(body.join('\n')).toBe(`${reference(root)}\n`);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('writes the same bytes when subtrees were prerendered for their depth', () => {
    /** Every element below the root prerendered at `fraction` of the places. */
    const prerenderSome = (node: XmlElement, depth: number, pick: () => boolean): XmlElement => {
      const children = (node.children ?? []).map((c) => prerenderSome(c, depth + 1, pick));
      const rebuilt = node.children ? { ...node, children } : node;
      return depth > 0 && pick() ? prerender(rebuilt, depth) : rebuilt;
    };
    fc.assert(
      fc.property(tree, fc.infiniteStream(fc.boolean()), (root, picks) => {
        const plain = renderXml({ root, dtdPath: '/x.dtd' }, 'http://h');
        const it = picks[Symbol.iterator]();
        expect(renderXml({ root: prerenderSome(root, 0, () => it.next().value as boolean), dtdPath: '/x.dtd' }, 'http://h').equals(plain)).toBe(true);
      }),
      { seed: 7, numRuns: 1000 },
    );
    expect(() => renderXml({ root: { name: 'R', children: [prerender({ name: 'A', text: 'x' }, 2)] }, dtdPath: '/x.dtd' }, 'http://h')).toThrow(
      /another depth/,
    );
  });
});
