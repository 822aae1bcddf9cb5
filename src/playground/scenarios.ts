/** The catalog as the playground uses it: scenarios by id, and each one's starter code. */
import { findScenario, sampleEnvironment, scenarios, type Scenario } from 'kms-custom-key-store-mock/scenarios';
import { PLAYGROUND_SCENARIO_PARAM } from '~/components/scenario/links';
import { DEFAULT_SCENARIO_ID } from './config';

const samples = import.meta.glob<string>('../samples/*.ts', { query: '?raw', import: 'default' });

export { findScenario, sampleEnvironment };

/** The scenario the playground opens when the link names none (or an unknown one). */
export function defaultScenario(): Scenario {
  const scenario = findScenario(DEFAULT_SCENARIO_ID) ?? scenarios[0];
  if (!scenario) throw new Error('The scenario catalog is empty.');
  return scenario;
}

/** The scenario a playground URL's `?scenario=` names; `missingId` when it names none in the catalog. */
export function scenarioFromUrl(url: URL): { scenario: Scenario; missingId?: string } {
  const requestedId = url.searchParams.get(PLAYGROUND_SCENARIO_PARAM);
  if (!requestedId) return { scenario: defaultScenario() };
  const requested = findScenario(requestedId);
  return requested ? { scenario: requested } : { scenario: defaultScenario(), missingId: requestedId };
}

/** The scenario's handling program, the code a reader starts from. */
export async function loadStarterCode(scenario: Scenario): Promise<string> {
  const load = samples[`../samples/${scenario.sample}.ts`];
  if (!load) throw new Error(`Scenario ${scenario.id} names sample "${scenario.sample}", which is not in src/samples/.`);
  return load();
}
