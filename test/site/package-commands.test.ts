/**
 * How the built pages tell a reader to run the mock's CLI. The command is `kms-mock`, the package
 * `kms-custom-key-store-mock`: a bare `npx kms-mock` in a folder without the package fetches
 * whatever the registry holds under the name `kms-mock`, so every page says
 * `npx -p kms-custom-key-store-mock kms-mock …` or runs the installed command.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST_DIR, builtHtmlFiles } from './built-site';

/** A page's visible text: tags out (code blocks split a command over many spans), the few character references decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style)\b[^]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

/** `npx kms-mock`, `npx --yes kms-mock`: npx asked for the package named kms-mock (no word boundary before `npx`: stripping the tags joins a code block to the text before it). */
const BARE_NPX = /npx(?:\s+--?[a-z-]+)*\s+kms-mock\b/g;

describe('the CLI commands the pages show', async () => {
  const files = await builtHtmlFiles();
  const texts = await Promise.all(
    files.map(async (file) => [file, visibleText(await readFile(path.join(DIST_DIR, file), 'utf8'))] as const),
  );

  it('never run a bare `npx kms-mock` (it would fetch another package): npx -p kms-custom-key-store-mock kms-mock …', () => {
    const bare = texts.flatMap(([file, text]) =>
      [...text.matchAll(BARE_NPX)].map(
        (match) => `${file}: …${text.slice(Math.max(0, match.index - 40), match.index + 60).replace(/\s+/g, ' ')}…`,
      ),
    );
    expect(bare, `pages with a bare npx kms-mock:\n${bare.join('\n')}`).toEqual([]);
  });

  it('show the package form on the scenario pages', () => {
    const scenarioPage = texts.find(([file]) => file === 'scenarios/user-locked-out/index.html')?.[1] ?? '';
    expect(scenarioPage).toContain('npx -p kms-custom-key-store-mock kms-mock serve --scenario user-locked-out');
  });
});
