/**
 * The import rules that keep data flowing one way (catalog → mock → pages, playground, tests):
 *  - the mock core is framework-free: it imports only its own modules (its tsconfig also checks
 *    it against the plain ECMAScript library, so DOM or Node globals fail `npm run typecheck`);
 *  - the mock itself (core, MSW adapter, Node server) imports nothing from the scenario catalog
 *    or the CLI that ship beside it in the package;
 *  - the package (`kms-custom-key-store-mock`, src/mock) is self-contained: nothing in it imports
 *    a file outside it or uses the site's `~/` alias, and its relative imports name the `.ts` file
 *    (tsc rewrites them to `.js`, so the built package runs under plain Node);
 *  - everything else in src/, and every test in test/, reaches the package only by name, through
 *    the entries its package.json exports (`/testing` holds what tests check beyond the public
 *    API), never through a path into src/mock or the `~/mock` alias;
 *  - diagnose() (`/diagnose`) runs in a browser page, in Node and in the CLI: it imports only its own
 *    modules, the core and the catalog (no MSW, DOM or Node, and not the SDK driver);
 *  - MSW itself is imported only by the mock's MSW adapter (the playground's run worker answers
 *    through the fetch adapter beneath it); the Node server and the CLI never load it, even
 *    indirectly (`msw` is an optional peer: `kms-mock serve` runs without it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../../src');
const TESTS = join(import.meta.dirname, '../..');
const PACKAGE = join(SRC, 'mock');
const CORE = join(PACKAGE, 'core');
// The simulation and its adapters; the main entry (index.ts) alone adds the catalog to them.
const SIMULATION_LAYERS = ['core', 'fetch', 'msw', 'node', 'create-kms-mock.ts', 'mock.ts'].map((name) => join(PACKAGE, name));
const packageJson = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, unknown>;
};
/** `kms-custom-key-store-mock`, `kms-custom-key-store-mock/core`, …: what the package exports. */
// package.json is among them: the site reads the package's repository, version and engines from it.
const PUBLIC_SPECIFIERS = new Set(
  Object.keys(packageJson.exports).map((subpath) =>
    subpath === '.' ? packageJson.name : `${packageJson.name}${subpath.slice(1)}`,
  ),
);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? ['dist', 'node_modules'].includes(entry.name)
        ? []
        : sourceFiles(join(dir, entry.name))
      : /\.(ts|astro|mjs)$/.test(entry.name)
        ? [join(dir, entry.name)]
        : [],
  );
}

interface ImportSite {
  file: string;
  specifier: string;
  /** Absolute path for project-relative specifiers (`./x`, `../x`, `~/x`), undefined for packages. */
  target: string | undefined;
}

function importsOf(file: string): ImportSite[] {
  return [
    ...readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((match) => {
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
const testImports = sourceFiles(TESTS).flatMap(importsOf);
const inside = (site: ImportSite, dir: string) => join(SRC, site.file).startsWith(dir + '/');
const pointsInto = (site: ImportSite, dir: string) =>
  site.target !== undefined && (site.target === dir || site.target.startsWith(dir + '/'));
const describeSite = (site: ImportSite) => `${site.file}: ${site.specifier}`;

describe('the mock core', () => {
  it('imports nothing but relative core modules', () => {
    const coreImports = allImports.filter((site) => inside(site, CORE));
    expect(coreImports.length).toBeGreaterThan(10);
    expect(coreImports.filter((site) => !pointsInto(site, CORE)).map(describeSite)).toEqual([]);
  });
});

describe('the mock', () => {
  it('imports nothing from the scenario catalog or the CLI', () => {
    const mockImports = allImports.filter((site) =>
      SIMULATION_LAYERS.some((layer) => site.file === relative(SRC, layer) || inside(site, layer)),
    );
    expect(mockImports.length).toBeGreaterThan(10);
    const offenders = mockImports.filter(
      (site) => pointsInto(site, join(PACKAGE, 'scenarios')) || pointsInto(site, join(PACKAGE, 'cli')),
    );
    expect(offenders.map(describeSite)).toEqual([]);
  });
});

describe('diagnose', () => {
  const DIAGNOSE = join(PACKAGE, 'diagnose');
  const SCENARIOS = join(PACKAGE, 'scenarios');

  it('imports nothing but its own modules, the core and the catalog', () => {
    const diagnoseImports = allImports.filter((site) => inside(site, DIAGNOSE));
    expect(diagnoseImports.length).toBeGreaterThan(3);
    const allowed = (site: ImportSite) =>
      pointsInto(site, DIAGNOSE) ||
      pointsInto(site, CORE) ||
      (pointsInto(site, SCENARIOS) && site.target !== join(SCENARIOS, 'driver'));
    expect(diagnoseImports.filter((site) => !allowed(site)).map(describeSite)).toEqual([]);
  });

  it('reaches the catalog only through modules that import no SDK, MSW or Node code at run time', () => {
    const catalogFiles = readdirSync(SCENARIOS).filter((name) => name.endsWith('.ts') && name !== 'driver.ts');
    const runtimeImports = catalogFiles.flatMap((name) =>
      [...readFileSync(join(SCENARIOS, name), 'utf8').matchAll(/^import (?!type )[^'"]*from\s+['"]([^'"]+)['"]/gm)].map(
        (m) => `${name}: ${m[1]}`,
      ),
    );
    expect(runtimeImports.filter((line) => !/: \.\.?\//.test(line))).toEqual([]);
  });
});

describe('the package', () => {
  const packageImports = allImports.filter((site) => inside(site, PACKAGE));

  it('imports nothing outside itself and never through the site alias', () => {
    expect(packageImports.length).toBeGreaterThan(50);
    const offenders = packageImports.filter(
      (site) => site.specifier.startsWith('~/') || (site.target !== undefined && !pointsInto(site, PACKAGE)),
    );
    expect(offenders.map(describeSite)).toEqual([]);
  });

  it('names the .ts file in every relative import, so the emitted JavaScript runs under plain Node', () => {
    const offenders = packageImports.filter((site) => site.specifier.startsWith('.') && !site.specifier.endsWith('.ts'));
    expect(offenders.map(describeSite)).toEqual([]);
  });

  it('is reached from the rest of src/ only by name, through the entries it exports', () => {
    const outside = allImports.filter((site) => !inside(site, PACKAGE));
    const byName = outside.filter(
      (site) => site.specifier === packageJson.name || site.specifier.startsWith(`${packageJson.name}/`),
    );
    expect(byName.length, 'the site, playground and catalog do use the package').toBeGreaterThan(10);
    expect(byName.filter((site) => !PUBLIC_SPECIFIERS.has(site.specifier)).map(describeSite)).toEqual([]);
    expect(outside.filter((site) => pointsInto(site, PACKAGE)).map(describeSite)).toEqual([]);
  });

  it('is reached from the tests only by name, through the entries it exports', () => {
    const byName = testImports.filter(
      (site) => site.specifier === packageJson.name || site.specifier.startsWith(`${packageJson.name}/`),
    );
    expect(byName.length, 'the tests do use the package').toBeGreaterThan(50);
    expect(byName.filter((site) => !PUBLIC_SPECIFIERS.has(site.specifier)).map(describeSite)).toEqual([]);
    expect(testImports.filter((site) => pointsInto(site, PACKAGE)).map(describeSite)).toEqual([]);
  });
});

it('MSW is imported only by the MSW adapter of the mock (and by tests, which serve the mock)', () => {
  const offenders = allImports.filter(
    (site) => /^(msw|@mswjs\/)/.test(site.specifier) && !site.file.endsWith('.test.ts') && !site.file.startsWith('mock/msw/'),
  );
  expect(offenders.map(describeSite)).toEqual([]);
});

it('the Node server and the CLI reach no module that imports MSW, however indirectly', () => {
  const importsByFile = new Map<string, ImportSite[]>();
  for (const site of allImports) importsByFile.set(site.file, [...(importsByFile.get(site.file) ?? []), site]);
  const reached = new Set<string>();
  const visit = (file: string) => {
    if (reached.has(file)) return;
    reached.add(file);
    for (const site of importsByFile.get(file) ?? [])
      if (site.target && !site.specifier.startsWith('~/')) visit(relative(SRC, `${site.target}.ts`));
  };
  visit('mock/node/index.ts');
  visit('mock/cli/kms-mock.ts');
  expect(reached.size).toBeGreaterThan(20);
  const mswSites = [...reached].flatMap((file) =>
    (importsByFile.get(file) ?? []).filter((site) => /^(msw|@mswjs\/)/.test(site.specifier)),
  );
  expect(mswSites.map(describeSite)).toEqual([]);
});
