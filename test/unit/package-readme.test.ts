/**
 * The package README's generated parts (scenarios, world actions, fault kinds) match the code,
 * so a new scenario or action cannot ship with a stale README.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getScenario, scenarios } from 'kms-custom-key-store-mock/scenarios';
import { PACKAGE_README, renderPackageReadme, scenarioPageUrl } from '../../scripts/package-readme.ts';

describe('the package README', () => {
  const readme = readFileSync(PACKAGE_README, 'utf8');

  it('is current: `npm run docs:package` would change nothing', () => {
    expect(renderPackageReadme(readme), 'src/mock/README.md is stale: run npm run docs:package').toBe(readme);
  });

  it('lists every scenario of the catalog with its page', () => {
    for (const { id } of scenarios) expect(readme).toContain(`[\`${id}\`](${scenarioPageUrl(id)})`);
    expect(readme).toContain(`\`${getScenario('user-locked-out').expected.connectionErrorCode}\``);
  });

  it('refuses a README whose markers are gone', () => {
    expect(() => renderPackageReadme(readme.replace('<!-- generated:scenarios -->', ''))).toThrow(/generated:scenarios/);
  });
});
