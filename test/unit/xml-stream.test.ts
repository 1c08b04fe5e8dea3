import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { el, elOf, leaf, renderXml, type XmlElement } from '../../src/qualys/xml.js';
import { streamedPath, streamXml } from '../../src/qualys/xml-stream.js';

async function* inBatches(items: readonly XmlElement[], size: number): AsyncGenerator<XmlElement[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

async function streamed(items: readonly XmlElement[], size: number, omitEmpty: boolean): Promise<Buffer> {
  const doc = streamedPath('OUT', [
    leaf('HEAD', 'h'),
    streamedPath('RESPONSE', [leaf('DATETIME', 'd'), { kind: 'list', name: 'LIST', batches: inBatches(items, size), omitEmpty }, leaf('TAIL', 't')]),
  ]);
  const chunks: Buffer[] = [];
  for await (const chunk of streamXml(doc, '/x.dtd', 'http://h')) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const tree = (items: readonly XmlElement[], omitEmpty: boolean): XmlElement =>
  el('OUT', leaf('HEAD', 'h'), el('RESPONSE', leaf('DATETIME', 'd'), !(omitEmpty && items.length === 0) && elOf('LIST', items), leaf('TAIL', 't')));

const item = fc
  .record({ id: fc.nat(), text: fc.string({ maxLength: 20 }) })
  .map(({ id, text }) => el('ITEM', leaf('ID', String(id)), { name: 'T', text, cdata: true }));

describe('streamXml', () => {
  it('writes the bytes renderXml writes for the same tree, whatever the batches', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(item, { maxLength: 40 }), fc.integer({ min: 1, max: 7 }), fc.boolean(), async (items, size, omitEmpty) => {
        const expected = renderXml({ root: tree(items, omitEmpty), dtdPath: '/x.dtd' }, 'http://h');
        expect((await streamed(items, size, omitEmpty)).toString()).toBe(expected.toString());
      }),
    );
  });

  it('sends a large document in chunks of about 64 KiB, not one buffer', async () => {
    const items = Array.from({ length: 5000 }, (_, i) => el('ITEM', leaf('ID', String(i)), leaf('T', 'x'.repeat(50))));
    const doc = streamedPath('OUT', [{ kind: 'list', name: 'LIST', batches: inBatches(items, 100) }]);
    const sizes: number[] = [];
    for await (const chunk of streamXml(doc, '/x.dtd', 'http://h')) sizes.push(chunk.length);
    expect(sizes.length).toBeGreaterThan(3);
    expect(Math.max(...sizes)).toBeLessThan(80 * 1024);
  });
});
