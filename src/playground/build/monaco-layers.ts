/**
 * Vite plugin: Monaco's code in layers, one chunk each, so that the page can evaluate it a layer
 * per task (src/playground/editor/choose-editor.ts) and take the reader's keys in between. In one
 * chunk, Monaco's evaluation is a single task of 150–400 ms on the main thread that no keystroke
 * can interrupt, so it had to wait for the reader to pause; in layers, each task is a fraction of
 * that and it can run while the reader reads.
 *
 * The layers are VS Code's own (base, platform, editor: common before browser), which its build
 * keeps free of imports upwards, so each layer's chunk imports only earlier layers' and is
 * evaluated by itself. Each layer's chunk leaves its modules' dependencies to their own layers
 * (Rolldown's default is to take them in, and the first layer would take in everything it
 * reaches); Rolldown allows that only with entry signatures that may be extended, which Astro's
 * client build does not ask for. The build fails if a layer's chunk loads a later layer's: loading
 * that layer would evaluate the rest with it, in one task.
 */
import type { Plugin } from 'vite';

const MONACO_SOURCES = '/monaco-editor/esm/vs/';

/** In evaluation order: each layer's modules import only their own layer's and earlier layers' modules. */
export const MONACO_LAYERS = [
  { chunk: 'monaco-base-common', path: /^(base\/common\/|nls)/ },
  { chunk: 'monaco-base', path: /^base\// },
  { chunk: 'monaco-platform', path: /^platform\// },
  { chunk: 'monaco-editor-common', path: /^editor\/common\// },
  { chunk: 'monaco-editor-browser', path: /^editor\/browser\// },
  { chunk: 'monaco-editor-standalone', path: /^editor\/standalone\// },
  { chunk: 'monaco-editor-contrib', path: /^editor\/contrib\// },
] as const;

/** The layer a module of Monaco's belongs to (its path below `esm/vs/`), if any. */
export function monacoLayerOf(moduleId: string): (typeof MONACO_LAYERS)[number] | undefined {
  const at = moduleId.indexOf(MONACO_SOURCES);
  if (at < 0) return undefined;
  const path = moduleId.slice(at + MONACO_SOURCES.length);
  return MONACO_LAYERS.find((layer) => layer.path.test(path));
}

export function monacoLayers(): Plugin {
  return {
    name: 'kms-playground:monaco-layers',
    apply: 'build',
    applyToEnvironment: (environment) => environment.name === 'client',
    options: (inputOptions) => ({ ...inputOptions, preserveEntrySignatures: 'allow-extension' }),
    outputOptions: (outputOptions) => ({
      ...outputOptions,
      codeSplitting: {
        includeDependenciesRecursively: false,
        // Earlier layers first: a module both could take goes to the earlier one.
        groups: MONACO_LAYERS.map(({ chunk }, index) => ({
          name: chunk,
          test: (moduleId: string) => monacoLayerOf(moduleId)?.chunk === chunk,
          priority: MONACO_LAYERS.length - index,
        })),
      },
    }),
    generateBundle(_, bundle) {
      const chunks = new Map(
        Object.values(bundle).flatMap((output) => (output.type === 'chunk' ? [[output.fileName, output] as const] : [])),
      );
      const layerIndex = (fileName: string) => MONACO_LAYERS.findIndex(({ chunk }) => chunks.get(fileName)?.name === chunk);
      /** Every chunk loading `fileName` loads (and evaluates) with it. */
      const staticClosure = (fileName: string, seen = new Set<string>()): Set<string> => {
        for (const imported of chunks.get(fileName)?.imports ?? [])
          if (!seen.has(imported)) staticClosure(imported, seen.add(imported));
        return seen;
      };
      const layerChunks = [...chunks.keys()].filter((fileName) => layerIndex(fileName) >= 0);
      for (const fileName of layerChunks) {
        const later = [...staticClosure(fileName)].filter((imported) => layerIndex(imported) > layerIndex(fileName));
        if (later.length > 0)
          this.error(
            `Monaco's layer chunk ${fileName} loads ${later.join(', ')} with it: evaluating it would evaluate those too, in one task. A module of its layer reaches up; move it to a later layer (src/playground/build/monaco-layers.ts).`,
          );
      }
      const holdsMonaco = [...chunks.values()].some((chunk) => chunk.moduleIds.some((id) => id.includes(MONACO_SOURCES)));
      if (holdsMonaco && layerChunks.length !== MONACO_LAYERS.length)
        this.error(
          `Monaco's code is in ${layerChunks.length} of its ${MONACO_LAYERS.length} layer chunks: a Monaco upgrade moved its sources (src/playground/build/monaco-layers.ts).`,
        );
    },
  };
}
