/**
 * The import rules that keep data flowing one way (catalog → mock → pages, playground, tests):
 *  - the mock core is framework-free: it imports only its own modules (its tsconfig also checks
 *    it against the plain ECMAScript library, so DOM or Node globals fail `npm run typecheck`);
 *  - nothing in the mock imports the scenario catalog;
 *  - everything else in src/ reaches the mock only through its entries, `src/mock` (MSW),
 *    `src/mock/core` (framework-free) and `src/mock/node` (the HTTP server), never through a file inside it;
 *  - MSW itself is imported only by the mock's adapters (MSW handlers, the Node server) and the
 *    playground's run worker.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../../src');
const CORE = join(SRC, 'mock/core');
const MOCK = join(SRC, 'mock');
const NODE = join(MOCK, 'node');
const MOCK_ENTRIES = new Set([MOCK, join(MOCK, 'index.ts'), CORE, join(CORE, 'index.ts'), NODE, join(NODE, 'index.ts')]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.(ts|astro|mjs)$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

interface ImportSite {
  file: string;
  specifier: string;
  /** Absolute path for project-relative specifiers (`./x`, `../x`, `~/x`), undefined for packages. */
  target: string | undefined;
}

function importsOf(file: string): ImportSite[] {
  return [...readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((match) => {
    const specifier = (match[1] ?? match[2])!;
    const target = specifier.startsWith('.')
      ? resolve(dirname(file), specifier)
      : specifier.startsWith('~/')
        ? join(SRC, specifier.slice(2))
        : undefined;
    return { file: relative(SRC, file), specifier, target: target?.replace(/\.(ts|js)$/, '') };
  });
}

const allImports = sourceFiles(SRC).flatMap(importsOf);
const inside = (site: ImportSite, dir: string) => join(SRC, site.file).startsWith(dir + '/');
const pointsInto = (site: ImportSite, dir: string) => site.target !== undefined && (site.target === dir || site.target.startsWith(dir + '/'));
const describeSite = (site: ImportSite) => `${site.file}: ${site.specifier}`;

describe('the mock core', () => {
  it('imports nothing but relative core modules', () => {
    const coreImports = allImports.filter((site) => inside(site, CORE));
    expect(coreImports.length).toBeGreaterThan(10);
    expect(coreImports.filter((site) => !pointsInto(site, CORE)).map(describeSite)).toEqual([]);
  });
});

describe('the mock', () => {
  it('imports nothing from the scenario catalog', () => {
    const offenders = allImports.filter((site) => inside(site, MOCK) && pointsInto(site, join(SRC, 'scenarios')));
    expect(offenders.map(describeSite)).toEqual([]);
  });

  it('is reached from the rest of src/ only through its entries', () => {
    const intoMock = allImports.filter((site) => !inside(site, MOCK) && pointsInto(site, MOCK));
    expect(intoMock.length, 'the site, playground and catalog do use the mock').toBeGreaterThan(10);
    const offenders = intoMock.filter((site) => !MOCK_ENTRIES.has(site.target!));
    expect(offenders.map(describeSite)).toEqual([]);
  });
});

it('MSW is imported only by the mock adapters and the run worker (and by tests, which serve the mock)', () => {
  const offenders = allImports.filter(
    (site) =>
      /^(msw|@mswjs\/)/.test(site.specifier) &&
      !site.file.endsWith('.test.ts') &&
      !site.file.startsWith('mock/msw/') &&
      !site.file.startsWith('mock/node/') &&
      !site.file.startsWith('playground/worker/'),
  );
  expect(offenders.map(describeSite)).toEqual([]);
});
