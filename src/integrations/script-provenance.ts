/**
 * Records, for every JavaScript chunk of the client build, which source modules went into it
 * (`.astro/script-provenance.json`). The site test that keeps content pages free of our own
 * JavaScript uses it to tell Starlight's and Astro's scripts from anything else, whether the
 * script ended up as a file or inlined into the page.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

export interface ChunkProvenance {
  fileName: string;
  /** sha256 of the chunk's code with surrounding whitespace trimmed (how Astro inlines it). */
  codeHash: string;
  /** Source modules: see {@link moduleName}. */
  modules: string[];
}

export const PROVENANCE_FILE = '.astro/script-provenance.json';

export function hashScript(code: string): string {
  return createHash('sha256').update(code.trim()).digest('hex');
}

/**
 * A module id as a readable name: files relative to the project root (`node_modules/...` for
 * dependencies), virtual modules and bundler helpers (ids starting with \0) as `virtual:<id>`.
 */
export function moduleName(root: string, id: string): string {
  if (id.startsWith('\0')) return id.slice(1).startsWith('virtual:') ? id.slice(1) : `virtual:${id.slice(1)}`;
  if (!path.isAbsolute(id)) return id;
  return path
    .relative(root, id.split('?')[0] ?? id)
    .split(path.sep)
    .join('/');
}

interface OutputChunkLike {
  type: string;
  fileName: string;
  code?: string;
  moduleIds?: readonly string[];
}

export function scriptProvenance(): AstroIntegration {
  let root = process.cwd();
  const chunks: ChunkProvenance[] = [];
  return {
    name: 'kms-docs:script-provenance',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        root = fileURLToPath(config.root);
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'kms-docs:script-provenance',
                // Only what browsers load; the server-side build never reaches a page.
                applyToEnvironment: (environment: { name: string }) => environment.name === 'client',
                // Before Astro's own plugin removes the chunks it inlines into pages.
                generateBundle: {
                  order: 'pre' as const,
                  handler(_options: unknown, bundle: Record<string, OutputChunkLike>) {
                    for (const output of Object.values(bundle)) {
                      if (output.type !== 'chunk' || output.code === undefined) continue;
                      chunks.push({
                        fileName: output.fileName,
                        codeHash: hashScript(output.code),
                        modules: (output.moduleIds ?? []).map((id) => moduleName(root, id)),
                      });
                    }
                  },
                },
              },
            ],
          },
        });
      },
      'astro:build:done': async () => {
        const file = path.join(root, PROVENANCE_FILE);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, JSON.stringify(chunks, null, 1));
      },
    },
  };
}
