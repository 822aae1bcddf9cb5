/**
 * A scenario page whose handling program reads its inputs from the environment says how to run it
 * in Node twice over: against the reader's account, and against the mock that `kms-mock serve`
 * starts (the endpoint tests run that second command's program against the endpoint).
 */
import { describe, expect, it } from 'vitest';
import { sampleEnvironment, scenarios } from 'kms-custom-key-store-mock/scenarios';
import { pageText } from './built-site';

const withInputs = scenarios.filter(
  (scenario) => Object.keys(sampleEnvironment(scenario)).length > 0 && scenario.sample === 'connect-and-diagnose',
);

describe('the "In Node" line of the scenario pages', () => {
  it('covers the pages of the program that reads CUSTOM_KEY_STORE_ID', () => {
    expect(withInputs.length).toBeGreaterThan(15);
  });

  it.each(withInputs.map((scenario) => [scenario.id, scenario] as const))(
    '%s: the account command and the mock command',
    async (id, scenario) => {
      const text = await pageText(`scenarios/${id}`);
      const inputs = Object.entries(sampleEnvironment(scenario))
        .map(([name, value]) => `${name}=${value}`)
        .join(' ');
      expect(text).toContain(`In Node, against your account: ${inputs} npx tsx ${scenario.sample}.ts`);
      expect(text).toContain(
        `against the mock, started as below: AWS_ENDPOINT_URL=http://127.0.0.1:4599 AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x ${inputs} npx tsx ${scenario.sample}.ts`,
      );
    },
  );
});
