/**
 * Keeps the generated parts of the package's README (src/mock/README.md) in step with the code:
 * the scenarios table from the catalog, the world actions and the fault kinds from the control
 * input tables. Each part sits between `<!-- generated:<name> -->` and `<!-- /generated:<name> -->`;
 * the prose around them is written by hand. `npm run docs:package` rewrites the file, and a unit
 * test fails while it is stale.
 *
 * Run by Node 24 directly (type stripping) with the `source` condition, so it reads the package's
 * TypeScript sources rather than a build.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FAULT_KINDS, WORLD_ACTION_TYPES, worldActionParams } from 'kms-custom-key-store-mock/core';
import { DOCS_SITE_URL, GROUP_LABELS, scenarioPagePath, scenarios, type Scenario } from 'kms-custom-key-store-mock/scenarios';

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
    const params = Object.entries(worldActionParams(type)).map(([name, kind]) => (kind.startsWith('optional-') ? `\`${name}?\`` : `\`${name}\``));
    return `| \`${type}\` | ${params.join(', ') || '(none)'} |`;
  });
  return ['| `type` | fields |', '| --- | --- |', ...rows].join('\n');
}

const faultKinds = () => FAULT_KINDS.map((kind) => `- \`${kind}\``).join('\n');

const GENERATED: Readonly<Record<string, () => string>> = {
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
