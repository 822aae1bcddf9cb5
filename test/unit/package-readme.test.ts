/**
 * The package README's generated parts (scenarios, world actions, fault kinds) match the code,
 * so a new scenario or action cannot ship with a stale README; likewise the pages' steps that kms-mock explain prints.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getScenario, scenarios } from 'kms-custom-key-store-mock/scenarios';
import { PACKAGE_README, renderPackageReadme, scenarioPageUrl } from '../../scripts/package-readme.ts';
import { PAGE_STEPS_FILE, plainSection, renderPageSteps } from '../../scripts/page-steps.ts';

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

describe("kms-mock explain's copy of the pages' steps", () => {
  it('is current: `npm run docs:package` would change nothing', () => {
    expect(renderPageSteps(), 'src/mock/cli/page-steps.generated.ts is stale: run npm run docs:package').toBe(
      readFileSync(PAGE_STEPS_FILE, 'utf8'),
    );
  });

  it("holds each page's real-account steps as terminal text: code indented, no MDX, no mock-only notes", () => {
    const text = plainSection([
      '<FixSteps />',
      'Those are the steps as the playground runs them. In a real account:',
      '',
      '1. **Disconnect** the store ([Troubleshooting](https://docs.aws.amazon.com/kms/latest/developerguide/fix-keystore.html)):',
      '',
      '   ```sh',
      '   # not simulated by the mock: Amazon EC2',
      '   aws kms disconnect-custom-key-store',
      '   ```',
      'See [INVALID_CREDENTIALS](/scenarios/invalid-credentials/).',
    ]);
    expect(text).toBe(
      [
        'In a real account:',
        '',
        '1. Disconnect the store (Troubleshooting <https://docs.aws.amazon.com/kms/latest/developerguide/fix-keystore.html>):',
        '',
        '       aws kms disconnect-custom-key-store',
        'See INVALID_CREDENTIALS (kms-mock explain invalid-credentials).',
      ].join('\n'),
    );
  });
});
