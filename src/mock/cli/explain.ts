/**
 * `kms-mock explain <term>`: what the catalog knows about a ConnectionErrorCode, an exception name
 * or a scenario id, for the reader in a terminal mid-incident (as `rustc --explain` does).
 */
import { CONNECTION_ERROR_CODES, describeWorldAction } from '../core/index.ts';
import { closestId, DOCS_SITE_URL, scenarioPagePath, scenarios, type FixStep, type Scenario } from '../scenarios/index.ts';

export interface Explanation {
  /** What to print. */
  text: string;
  /** False when nothing matched (the text then suggests the nearest names). */
  found: boolean;
}

const pageUrl = (docsUrl: string, id: string) => `${docsUrl.replace(/\/+$/, '')}/${scenarioPagePath(id)}`;

function howToConfirm(scenario: Scenario): string {
  const { expected, trigger } = scenario;
  const lines: string[] = [];
  if (expected.error)
    lines.push(`${trigger.operation} fails with ${expected.error}${expected.httpStatus ? ` (HTTP ${expected.httpStatus})` : ''}${expected.messageIncludes ? `, message containing "${expected.messageIncludes}"` : ''}.`);
  if (expected.storeId && expected.connectionState)
    lines.push(
      `aws kms describe-custom-key-stores --custom-key-store-id ${expected.storeId} shows ConnectionState ${expected.connectionState}${expected.connectionErrorCode ? ` and ConnectionErrorCode ${expected.connectionErrorCode}` : ''}.`,
    );
  if (lines.length === 0) lines.push(`${trigger.operation} succeeds: nothing is wrong here.`);
  return lines.map((line) => `  ${line}`).join('\n');
}

function describeStep(step: FixStep): string {
  const what = (() => {
    switch (step.kind) {
      case 'world':
        return describeWorldAction(step.action);
      case 'kms':
        return `KMS ${step.operation} ${JSON.stringify(step.input)}`;
      case 'wait-for-state':
        return `Wait until ${step.storeId} is ${step.state} (poll DescribeCustomKeyStores)`;
      case 'advance-time':
        return `Wait: ${step.note}`;
    }
  })();
  return step.note && step.kind !== 'advance-time' ? `${what}: ${step.note}` : what;
}

function explainScenario(scenario: Scenario, docsUrl: string): string {
  return [
    `${scenario.title} (${scenario.id})`,
    `  ${scenario.summary}`,
    '',
    'Confirm it:',
    howToConfirm(scenario),
    '',
    'Fix:',
    ...scenario.fix.map((step, i) => `  ${i + 1}. ${describeStep(step)}`),
    '',
    `Read more: ${pageUrl(docsUrl, scenario.id)}`,
    `Reproduce it locally: kms-mock serve --scenario ${scenario.id}`,
  ].join('\n');
}

/** Every name explain knows: scenario ids, connection error codes, exception names. */
function knownNames(): string[] {
  const exceptions = scenarios.flatMap((s) => (s.expected.error ? [s.expected.error] : []));
  return [...new Set([...scenarios.map((s) => s.id), ...CONNECTION_ERROR_CODES, ...exceptions])];
}

export function explain(term: string, docsUrl: string = DOCS_SITE_URL): Explanation {
  const byId = scenarios.find((s) => s.id === term) ?? scenarios.find((s) => s.connectionErrorCode === term);
  if (byId) return { found: true, text: explainScenario(byId, docsUrl) };
  const meeting = scenarios.filter((s) => s.expected.error === term);
  if (meeting.length === 1) return { found: true, text: explainScenario(meeting[0]!, docsUrl) };
  if (meeting.length > 1)
    return {
      found: true,
      text: [
        `${term} has ${meeting.length} causes here; explain one of them for its fix:`,
        ...meeting.map((s) => `  ${s.id.padEnd(34)} ${s.summary}`),
        '',
        `e.g. kms-mock explain ${meeting[0]!.id}`,
      ].join('\n'),
    };
  const names = knownNames();
  const nearest = closestId(term, names) ?? closestId(term.toLowerCase(), names.map((n) => n.toLowerCase()));
  const nearestName = nearest ? names.find((n) => n.toLowerCase() === nearest.toLowerCase()) : undefined;
  return {
    found: false,
    text: `kms-mock explain: nothing is called "${term}".${nearestName ? ` Did you mean ${nearestName}?` : ''}\nIt knows scenario ids (kms-mock explain user-logged-in), ConnectionErrorCode values (USER_LOCKED_OUT) and exception names (CustomKeyStoreInvalidStateException).`,
  };
}
