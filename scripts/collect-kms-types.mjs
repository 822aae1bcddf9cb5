// Collects the declaration files the playground editor needs for `@aws-sdk/client-kms`, so that
// IntelliSense and type errors work offline (nothing is fetched from a CDN at run time).
//
// It asks TypeScript which files a program importing the SDK actually reads, and writes those
// `.d.ts` files, plus trimmed `package.json` files (Monaco's TypeScript follows their `exports`
// with moduleResolution Bundler), into one JSON file: src/generated/kms-types.json.
// `npm run build` runs it before `astro build`; the output is generated, never committed.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { stripDocComments } from '../src/playground/build/strip-doc-comments.ts';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const outputFile = join(projectRoot, 'src/generated/kms-types.json');
const entrySpecifier = '@aws-sdk/client-kms';

/** Declarations for what the playground itself provides beyond the SDK (see src/playground/worker). */
const playgroundDeclarations = `declare module "node:timers/promises" {
  /** Resolves after \`ms\` milliseconds of the playground's simulated clock. */
  export function setTimeout<T = void>(ms?: number, value?: T): Promise<T>;
}
declare module "timers/promises" {
  export * from "node:timers/promises";
}
`;

/**
 * Packages whose documentation the editor keeps: the SDK's client, the one the reader's code names.
 * The rest (the @smithy and @aws-sdk plumbing) keep their types and lose their doc comments,
 * which were two thirds of the bundle and most of the checker's first parse.
 */
const documentedPackages = [`node_modules/${entrySpecifier}/`];

/** package.json fields TypeScript's module resolution reads; the rest is noise. */
const resolutionFields = ['name', 'version', 'type', 'types', 'typings', 'typesVersions', 'main', 'module', 'exports'];

function collect() {
  const started = performance.now();
  const entryFile = join(projectRoot, '__playground_types_entry__.ts');
  const entrySource = `import * as kms from ${JSON.stringify(entrySpecifier)};\nexport { kms };\n`;
  const options = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.webworker.d.ts'],
    types: [],
    skipLibCheck: true,
    noEmit: true,
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (file) => (file === entryFile ? entrySource : readFile(file));
  host.fileExists = (file) => file === entryFile || fileExists(file);
  const program = ts.createProgram({ rootNames: [entryFile], options, host });

  const files = {};
  const packageRoots = new Set();
  for (const sourceFile of program.getSourceFiles()) {
    const file = sourceFile.fileName;
    if (file === entryFile || program.isSourceFileDefaultLibrary(sourceFile)) continue;
    const path = relative(projectRoot, file).split(sep).join('/');
    if (!path.startsWith('node_modules/')) {
      throw new Error(`Unexpected declaration file outside node_modules: ${path}`);
    }
    files[path] = documentedPackages.some((prefix) => path.startsWith(prefix))
      ? sourceFile.text
      : stripDocComments(sourceFile.text);
    packageRoots.add(packageRootOf(path));
  }
  if (!Object.keys(files).some((path) => path.startsWith(`node_modules/${entrySpecifier}/`))) {
    throw new Error(`TypeScript did not find the declarations of ${entrySpecifier}; is it installed?`);
  }
  for (const root of [...packageRoots].sort()) {
    const manifest = JSON.parse(readFileSync(join(projectRoot, root, 'package.json'), 'utf8'));
    const trimmed = Object.fromEntries(resolutionFields.filter((field) => field in manifest).map((f) => [f, manifest[f]]));
    files[`${root}/package.json`] = JSON.stringify(trimmed);
  }
  // A root file (not under node_modules) so the editor always loads it as a global declaration.
  files['playground-env.d.ts'] = playgroundDeclarations;

  const sdkVersion = JSON.parse(readFileSync(join(projectRoot, 'node_modules', entrySpecifier, 'package.json'), 'utf8')).version;
  mkdirSync(dirname(outputFile), { recursive: true });
  const json = JSON.stringify({ sdkVersion, files });
  writeFileSync(outputFile, json);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `collect-kms-types: ${Object.keys(files).length} files from ${packageRoots.size} packages, ` +
      `${(json.length / 1024).toFixed(0)} KB → ${relative(projectRoot, outputFile)} (${seconds} s)`,
  );
}

/** `node_modules/@scope/name/dist/x.d.ts` → `node_modules/@scope/name` (handles nesting). */
function packageRootOf(path) {
  const parts = path.split('/');
  const index = parts.lastIndexOf('node_modules');
  const name = parts[index + 1]?.startsWith('@') ? 2 : 1;
  return parts.slice(0, index + 1 + name).join('/');
}

collect();
