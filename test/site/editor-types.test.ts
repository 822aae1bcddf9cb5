/**
 * The SDK declarations the playground's editor loads (the built `kms-types.*.json`): every
 * declaration is there, the client's documentation (what a reader hovers) is kept whole, and
 * only the plumbing packages lose their doc comments.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST_DIR } from './built-site';

async function editorTypes(): Promise<Record<string, string>> {
  const assets = path.join(DIST_DIR, '_astro');
  const file = (await readdir(assets)).find((name) => /^kms-types\.[\w-]+\.json$/.test(name));
  if (!file) throw new Error(`No kms-types.*.json in ${assets}: run \`npm run build\` first.`);
  return (JSON.parse(await readFile(path.join(assets, file), 'utf8')) as { files: Record<string, string> }).files;
}

describe("the editor's SDK declarations", async () => {
  const files = await editorTypes();
  const client = Object.entries(files).filter(
    ([name]) => name.startsWith('node_modules/@aws-sdk/client-kms/') && name.endsWith('.d.ts'),
  );
  const plumbing = Object.entries(files).filter(
    ([name]) =>
      name.startsWith('node_modules/') && !name.startsWith('node_modules/@aws-sdk/client-kms/') && name.endsWith('.d.ts'),
  );

  it("keep the client's documentation: the operation, its exceptions, its fields", () => {
    const encrypt = files['node_modules/@aws-sdk/client-kms/dist-types/commands/EncryptCommand.d.ts'];
    expect(encrypt).toContain('Encrypts plaintext');
    expect(encrypt).toContain('@throws {@link KeyUnavailableException}');
    const models = client
      .filter(([name]) => name.includes('/models/'))
      .map(([, text]) => text)
      .join('\n');
    expect(models).toMatch(/\/\*\*[^]*?ConnectionErrorCode/);
  });

  it('keep every declaration of the plumbing packages, without their doc comments', () => {
    expect(plumbing.length).toBeGreaterThan(300);
    const metadata = plumbing.find(
      ([name]) => name.startsWith('node_modules/@smithy/types/') && /interface ResponseMetadata\b/.test(files[name] ?? ''),
    );
    expect(metadata?.[1]).toMatch(/httpStatusCode\?: number;/);
    expect(plumbing.filter(([, text]) => /^[ \t]*\/\*\*/m.test(text)).map(([name]) => name)).toEqual([]);
  });
});
