/**
 * The mock core is framework-free: it imports only its own modules. (Its tsconfig also checks
 * it against the plain ECMAScript library, so DOM or Node globals fail `npm run typecheck`.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const CORE = join(import.meta.dirname, '../../../src/mock/core');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

it('imports nothing but relative core modules', () => {
  const offenders = sourceFiles(CORE).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)]
      .map((match) => match[1]!)
      .filter((specifier) => !specifier.startsWith('./') && !specifier.startsWith('../'))
      .map((specifier) => `${file}: ${specifier}`),
  );
  expect(sourceFiles(CORE).length).toBeGreaterThan(10);
  expect(offenders).toEqual([]);
});

it('never climbs out of the core folder', () => {
  for (const file of sourceFiles(CORE)) {
    const depth = file.slice(CORE.length + 1).split('/').length - 1;
    const escapes = [...readFileSync(file, 'utf8').matchAll(/from\s+['"]((?:\.\.\/)+)/g)].filter((m) => m[1]!.length / 3 > depth);
    expect(escapes, file).toEqual([]);
  }
});
