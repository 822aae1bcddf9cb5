import { describe, expect, it } from 'vitest';
import { hashScript, moduleName } from './script-provenance';

describe('moduleName', () => {
  it('names files relative to the project, dependencies under node_modules/', () => {
    expect(moduleName('/repo', '/repo/node_modules/@astrojs/starlight/dist/components/Search.astro?astro&type=script')).toBe(
      'node_modules/@astrojs/starlight/dist/components/Search.astro',
    );
    expect(moduleName('/repo', '/repo/src/playground/ui/island.ts')).toBe('src/playground/ui/island.ts');
  });

  it('marks virtual modules and bundler helpers as virtual', () => {
    expect(moduleName('/repo', '\0rolldown/runtime.js')).toBe('virtual:rolldown/runtime.js');
    expect(moduleName('/repo', '\0virtual:starlight/pagefind-config')).toBe('virtual:starlight/pagefind-config');
    expect(moduleName('/repo', 'astro:scripts/page.js')).toBe('astro:scripts/page.js');
  });
});

describe('hashScript', () => {
  it('ignores the whitespace Astro trims when it inlines a script', () => {
    expect(hashScript('  let a = 1;\n')).toBe(hashScript('let a = 1;'));
    expect(hashScript('let a = 1;')).not.toBe(hashScript('let a = 2;'));
  });
});
