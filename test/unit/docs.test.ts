import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { withOptionsTable } from '../../scripts/configuration-doc.js';
import { FAMILIES } from '../../src/families.js';
import { hostEndpoints, type HostLists } from '../../src/hosts/host-endpoints.js';
import { kbEndpoint } from '../../src/knowledge-base/kb-endpoint.js';
import { KB_API_VERSIONS } from '../../src/knowledge-base/kb-versions.js';
import type { KbStore } from '../../src/knowledge-base/kb-store.js';

const read = (path: string) => readFileSync(join(PACKAGE_ROOT, path), 'utf8');
const docFiles = [
  'README.md',
  'bench/README.md',
  ...readdirSync(join(PACKAGE_ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** GitHub's heading anchors: lower case, punctuation dropped, each space a hyphen, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const out = new Set<string>();
  const seen = new Map<string, number>();
  const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, '');
  for (const [, heading] of withoutCode.matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replaceAll(' ', '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return out;
}

describe('README', () => {
  it('keeps the two Quick start commands', () => {
    const readme = read('README.md');
    expect(readme).toContain('```sh\nnpm ci && npm start\n```');
    expect(readme).toContain('```sh\nnpm ci && npm test\n```');
    expect(read('.ci/run')).toMatch(/^npm ci && npm test$/m);
  });
});

describe('docs/controls.md', () => {
  const controls = read('docs/controls.md');

  it('shows the vitest example exactly as test/controls/controls-example.test.ts runs it', () => {
    const blocks = [...controls.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks).toContain(read('test/controls/controls-example.test.ts'));
  });

  it('has every admin control in its table', () => {
    for (const control of [
      'POST /_emulator/reset',
      'POST /_emulator/seed',
      'GET /_emulator/requests',
      'DELETE /_emulator/requests',
      'PUT /_emulator/faults',
      'GET /_emulator/faults',
      'DELETE /_emulator/faults',
      'GET /_emulator/config',
      'PATCH /_emulator/config',
    ]) {
      expect(controls).toContain(`\`${control}\``);
    }
  });
});

describe("the pages written from the families' declarations", () => {
  const pages = FAMILIES.families.flatMap((f) => f.docs.map((page) => [`docs/${page.file}`, page] as const));

  it('include docs/record-types.md and docs/vaults.md', () => {
    expect(pages.map(([file]) => file)).toEqual(expect.arrayContaining(['docs/record-types.md', 'docs/vaults.md']));
  });

  it.each(pages)('%s is the declarations as `npm run docs` writes it', (file, page) => {
    expect(read(file), `${file} is stale: run \`npm run docs\``).toBe(page.write());
  });
});

describe('docs/configuration.md', () => {
  it('lists the options exactly as src/settings/options.ts declares them', () => {
    const doc = read('docs/configuration.md');
    expect(doc, 'docs/configuration.md is stale: run `npm run docs`').toBe(withOptionsTable(doc));
  });
});

describe('docs/api.md', () => {
  const api = read('docs/api.md');
  /** The text of the section under `heading`, up to the next of its level. */
  const section = (heading: string) => api.slice(api.indexOf(`\n## ${heading}\n`)).split(/\n## /)[1];
  // the endpoints' declarations alone: no call is handled, so they need no store
  const endpoints = [
    ['Hosts and host detections', hostEndpoints({} as HostLists)],
    ['KnowledgeBase', KB_API_VERSIONS.map((v) => kbEndpoint({} as KbStore, v))],
  ] as const;

  it.each(endpoints)('names every parameter the %s endpoints take, at every version', (heading, declared) => {
    const text = section(heading);
    const missing = declared.flatMap((e) =>
      Object.values(e.actions).flatMap((a) => a.allowed.filter((p) => !text.includes(`\`${p}\``)).map((p) => `${e.path} ${p}`)),
    );
    expect(missing).toEqual([]);
  });
});

describe('code comments', () => {
  it('cite only documents and fidelity.md sections that exist', () => {
    const sections = new Set([...read('docs/fidelity.md').matchAll(/^#{2,3} (\d+(?:\.\d+)?)\.? /gm)].map((m) => m[1]));
    const files = (dir: string): string[] =>
      readdirSync(join(PACKAGE_ROOT, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(`${dir}/${e.name}`) : e.name.endsWith('.ts') ? [`${dir}/${e.name}`] : [],
      );
    const broken: string[] = [];
    for (const file of [...files('src'), ...files('test'), ...files('bench'), ...files('scripts')]) {
      for (const [n, line] of read(file).split('\n').entries()) {
        for (const [, doc] of line.matchAll(/\b(docs\/[\w-]+\.md)/g)) if (!existsSync(join(PACKAGE_ROOT, doc))) broken.push(`${file}:${n + 1} ${doc}`);
        if (!line.includes('docs/fidelity.md')) continue;
        for (const [, section] of line.matchAll(/§(\d+(?:\.\d+)?)/g)) if (!sections.has(section)) broken.push(`${file}:${n + 1} §${section}`);
      }
    }
    expect(sections.size).toBeGreaterThan(9);
    expect(broken).toEqual([]);
  });
});

describe('evidence tags', () => {
  it('are [Q] or [E] alone, in docs/ and in the comments of src/ and test/', () => {
    const files = (dir: string, ext: string): string[] =>
      readdirSync(join(PACKAGE_ROOT, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(`${dir}/${e.name}`, ext) : e.name.endsWith(ext) ? [`${dir}/${e.name}`] : [],
      );
    // a tag of a letter other than Q or E (C, D, R, S, alone or with a source), or one named inside a Q or E tag
    const otherTag = /\[[A-DF-PR-Z](?:[\]/]|[:;,] )|\[[QE][^\]]*[;,] [A-DF-PR-Z]: /;
    const comment = /^\s*(?:\*|\/\/|\/\*)|\s\/\/\s/;
    const found: string[] = [];
    for (const file of [...files('docs', '.md'), ...files('src', '.ts'), ...files('test', '.ts')])
      for (const [n, line] of read(file).split('\n').entries())
        if ((file.endsWith('.md') || comment.test(line)) && otherTag.test(line)) found.push(`${file}:${n + 1}`);
    expect(found).toEqual([]);
  });
});

describe('links between the documents', () => {
  it.each(docFiles)('%s links only to files and headings that exist', (file) => {
    const text = read(file).replace(/^```[\s\S]*?^```/gm, '');
    const broken: string[] = [];
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target)) continue;
      const [path, anchor] = target.split('#');
      const linked = path === '' ? join(PACKAGE_ROOT, file) : join(PACKAGE_ROOT, dirname(file), path);
      if (!existsSync(linked)) broken.push(target);
      else if (anchor !== undefined && !anchors(readFileSync(linked, 'utf8')).has(anchor))
        broken.push(`${target} (no such heading in ${relative(PACKAGE_ROOT, linked)})`);
    }
    expect(broken).toEqual([]);
  });
});
