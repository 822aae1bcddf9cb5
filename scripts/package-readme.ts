/**
 * Keeps the generated parts of the package's README (src/mock/README.md) in step with the code:
 * the install section from the package's settings (package.json's repository, version and engines; the
 * docs address), the scenarios table from the catalog, the world actions and the fault kinds from the control
 * input tables. Each part sits between `<!-- generated:<name> -->` and `<!-- /generated:<name> -->`;
 * the prose around them is written by hand. `npm run docs:package` rewrites the file, and a unit
 * test fails while it is stale.
 *
 * Run by Node 24 directly (type stripping) with the `source` condition, so it reads the package's
 * TypeScript sources rather than a build.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  EXCEPTIONS,
  FAULTS,
  FAULT_KINDS,
  WORLD_ACTION_TYPES,
  describeWorldActionParameters,
} from 'kms-custom-key-store-mock/core';
import {
  DOCS_SITE_URL,
  GROUP_LABELS,
  isPlaceholderDocsUrl,
  scenarioPagePath,
  scenarios,
  type Scenario,
} from 'kms-custom-key-store-mock/scenarios';
import { NODE_REQUIREMENT, PACKAGE_NAME, PACKAGE_TARBALL, REPOSITORY_URL } from '../src/integrations/package-source.ts';

export const PACKAGE_README = fileURLToPath(new URL('../src/mock/README.md', import.meta.url));

export const scenarioPageUrl = (id: string) => `${DOCS_SITE_URL}/${scenarioPagePath(id)}`;

const cell = (text: string) => text.replaceAll('|', '\\|');

function outcome(scenario: Scenario): string {
  const { error, connectionState, connectionErrorCode } = scenario.expected;
  if (error) return `\`${error}\``;
  if (connectionErrorCode) return `\`${connectionState ?? 'FAILED'}\`, \`${connectionErrorCode}\``;
  return connectionState ? `\`${connectionState}\`` : 'succeeds';
}

function scenariosTable(): string {
  const rows = scenarios.map(
    (scenario) =>
      `| [\`${scenario.id}\`](${scenarioPageUrl(scenario.id)}) | ${GROUP_LABELS[scenario.group]} | \`${scenario.trigger.operation}\` | ${outcome(scenario)} | ${cell(scenario.summary)} |`,
  );
  return ['| id | group | trigger | outcome | what happens |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

function worldActionsTable(): string {
  const rows = WORLD_ACTION_TYPES.map((type) => {
    const params = describeWorldActionParameters(type).map(({ name, required }) => `\`${name}${required ? '' : '?'}\``);
    return `| \`${type}\` | ${params.join(', ') || '(none)'} |`;
  });
  return ['| `type` | fields |', '| --- | --- |', ...rows].join('\n');
}

/** Where the guides are, where the package comes from and the exact install line, from the settings (package.json, DOCS_SITE_URL). */
function install(): string {
  const guides = isPlaceholderDocsUrl(DOCS_SITE_URL)
    ? `are at <${DOCS_SITE_URL}/> once deployed; until then that address is a placeholder, and \`npm start\` in the\n[repository](${REPOSITORY_URL}) serves them at <http://localhost:4321/>.`
    : `are at <${DOCS_SITE_URL}/>.`;
  return [
    `The guides that explain each failure, with a playground running this mock, ${guides}`,
    '',
    '## Install',
    '',
    `Requires **Node.js ${NODE_REQUIREMENT} or later** (as MSW 3), also when your own code is Python, Go or the AWS CLI and you only`,
    'use `kms-mock serve`.',
    '',
    `The package is not on the npm registry yet. In a checkout of its repository (<${REPOSITORY_URL}>), \`npm ci\` then`,
    `\`npm pack -w ${PACKAGE_NAME}\` writes \`${PACKAGE_TARBALL}\`; copy it into your project and install it with MSW 3`,
    'and the SDK:',
    '',
    '```sh',
    `npm install -D ./${PACKAGE_TARBALL} msw@^3 @aws-sdk/client-kms`,
    '```',
    '',
    `Once it is published: \`npm install -D ${PACKAGE_NAME} msw@^3 @aws-sdk/client-kms\`. Write \`msw@^3\`: on an older`,
    'Node, npm would otherwise pick MSW 2 without a word, and the example below would not type-check.',
    '',
    `ESM only, with type declarations. \`msw\` (3.x) is an optional peer dependency: the MSW handlers need it; the local`,
    `endpoint (\`kms-mock serve\`, \`startKmsMockServer\`) does not, so for boto3, Go or the AWS CLI alone install the tarball`,
    `without it. Run the command as \`npx -p ${PACKAGE_NAME} kms-mock …\``,
    '(or from an npm script): naming only `kms-mock` to `npx` fetches a different package from the registry.',
  ].join('\n');
}

/** What a call a fault matches meets, in the README's words. */
function faultEffect(kind: (typeof FAULT_KINDS)[number]): string {
  const effect = FAULTS[kind].effect;
  if (effect === 'dropped connection') return 'the connection drops without an answer';
  if (effect === 'delay') return 'its answer comes `latencyMs` later';
  return `\`${effect.error}\` (HTTP ${EXCEPTIONS[effect.error].status}): ${effect.message}`;
}

function faultKinds(): string {
  const rows = FAULT_KINDS.map((kind) => {
    const options = Object.keys(FAULTS[kind].options).map((option) => `\`${option}\``);
    return `| \`${kind}\` | ${cell(faultEffect(kind))} | ${options.join(', ') || '(none)'} |`;
  });
  return ['| `kind` | a matching call meets | options |', '| --- | --- | --- |', ...rows].join('\n');
}

const GENERATED: Readonly<Record<string, () => string>> = {
  install,
  scenarios: scenariosTable,
  'world-actions': worldActionsTable,
  'fault-kinds': faultKinds,
};

/** `readme` with every generated part replaced by its current text; throws on a missing marker. */
export function renderPackageReadme(readme: string): string {
  return Object.entries(GENERATED).reduce((text, [name, render]) => {
    const open = `<!-- generated:${name} -->`;
    const close = `<!-- /generated:${name} -->`;
    const start = text.indexOf(open);
    const end = text.indexOf(close);
    if (start < 0 || end < start) throw new Error(`src/mock/README.md lacks the markers ${open} … ${close}.`);
    return `${text.slice(0, start + open.length)}\n${render()}\n${text.slice(end)}`;
  }, readme);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const current = readFileSync(PACKAGE_README, 'utf8');
  const next = renderPackageReadme(current);
  if (next !== current) writeFileSync(PACKAGE_README, next);
  console.log(next === current ? 'src/mock/README.md is up to date' : 'src/mock/README.md regenerated');
}
