/**
 * Every catalog scenario, as a reader meets it: pick the scenario in the playground (the first one
 * through its `/playground/?scenario=<id>` link), press Run on the starter code, and see the
 * documented outcome in the Output and Requests panels. Like a reader going through them, one page
 * is used for all of them, with no reload between scenarios.
 */
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { scenarios, type Scenario } from 'kms-custom-key-store-mock/scenarios';
import { test } from '../support/browser-fixtures';
import { openPlayground, outputText, playgroundControls, requestRows, runAndWait } from '../support/playground-page';
import type { PreviewServer } from '../support/preview-server';

/** Brings the page to the scenario's starting world and starter code, as the reader would. */
async function pickScenario(page: Page, server: PreviewServer, scenario: Scenario): Promise<void> {
  const controls = playgroundControls(page);
  if (!page.url().startsWith(server.origin)) return openPlayground(page, server, { scenario: scenario.id });
  if ((await controls.scenario.inputValue()) === scenario.id) {
    await controls.reset.click();
    return void (await controls.status.filter({ hasText: /^Reset:/ }).waitFor());
  }
  await controls.scenario.selectOption(scenario.id);
  await controls.status.filter({ hasText: `Loaded “${scenario.title}”.` }).waitFor();
}

describe('every scenario runs its starter code to the documented outcome, sending nothing off the machine', () => {
  test.for(scenarios.map((s) => [s.id, s] as const))('%s', async ([, scenario], { fileReader: { page, requests }, server }) => {
    await pickScenario(page, server, scenario);
    expect(await playgroundControls(page).scenario.inputValue()).toBe(scenario.id);
    const status = await runAndWait(page);
    expect(status).toMatch(/^Finished/);
    const output = await outputText(page);
    for (const text of scenario.sampleShows) expect(output, `output of ${scenario.sample}`).toContain(text);
    if (scenario.expected.connectionErrorCode) expect(output).toContain(scenario.expected.connectionErrorCode);
    if (scenario.expected.error) {
      const rows = await requestRows(page);
      expect(
        rows.map((r) => r.errorType),
        'the mock answered with the documented error',
      ).toContain(scenario.expected.error);
    }
    expect(requests.all.length).toBeGreaterThan(0);
    expect(requests.foreign).toEqual([]);
  });
});
