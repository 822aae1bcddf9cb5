/**
 * `kms-mock explain <term>`: what the catalog knows about a ConnectionErrorCode, an exception name,
 * a scenario id or a whole error line as the AWS CLI, boto3 or the JavaScript SDK print it, for the
 * reader in a terminal mid-incident (as `rustc --explain` does): the page's own steps for a real
 * account, then how the mock runs the fix.
 */
import { CONNECTION_ERROR_CODES, describeWorldAction } from '../core/index.ts';
import { closestId, isPlaceholderDocsUrl, scenarioPagePath, scenarios, type FixStep, type Scenario } from '../scenarios/index.ts';
import { REPOSITORY_URL, RUN_WITHOUT_INSTALL } from './package-info.ts';
import { PAGE_STEPS } from './page-steps.generated.ts';

export interface Explanation {
  /** What to print. */
  text: string;
  /** False when nothing matched (the text then suggests the nearest names). */
  found: boolean;
}

export interface ExplainQuery {
  /** A scenario id, a ConnectionErrorCode, an exception name, or an error line that contains one. */
  term: string;
  /** The operation that failed (`CreateKey`), to narrow an exception with several causes. */
  operation?: string;
  /** Where the guides are deployed (the placeholder prints how to read them locally instead). */
  docsUrl: string;
}

/** Where to read the page: its URL, or while no site is deployed, how to serve the guides locally. */
function readMore(docsUrl: string, id: string): string[] {
  const path = scenarioPagePath(id);
  if (!isPlaceholderDocsUrl(docsUrl)) return [`Read more: ${docsUrl.replace(/\/+$/, '')}/${path}`];
  return [
    `Read more: the page /${path} (the guides' public address is not set yet: ${docsUrl} is a placeholder).`,
    `  Read it locally: in a checkout of ${REPOSITORY_URL}, run \`npm start\`, then open http://localhost:4321/${path}`,
    '  Where the guides are deployed, pass --docs-url <address> or set KMS_MOCK_DOCS_URL.',
  ];
}

function whatYouSee(scenario: Scenario): string[] {
  const { expected, trigger } = scenario;
  const lines: string[] = [];
  if (expected.error)
    lines.push(
      `${trigger.operation} fails with ${expected.error}${expected.httpStatus ? ` (HTTP ${expected.httpStatus})` : ''}${expected.messageIncludes ? `, message containing "${expected.messageIncludes}"` : ''}.`,
    );
  if (expected.storeId && expected.connectionState)
    lines.push(
      `aws kms describe-custom-key-stores --custom-key-store-id ${expected.storeId} shows ConnectionState ${expected.connectionState}${expected.connectionErrorCode ? ` and ConnectionErrorCode ${expected.connectionErrorCode}` : ''}.`,
    );
  if (lines.length === 0) lines.push(`${trigger.operation} succeeds: nothing is wrong here.`);
  return lines;
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

const indent = (text: string) => text.split('\n').map((line) => (line === '' ? '' : `  ${line}`));

function explainScenario(scenario: Scenario, docsUrl: string): string {
  const page = PAGE_STEPS[scenario.id];
  return [
    `${scenario.title} (${scenario.id})`,
    `  ${scenario.summary}`,
    '',
    'What you see:',
    ...whatYouSee(scenario).map((line) => `  ${line}`),
    ...(page?.confirm ? ['', 'Confirm it:', ...indent(page.confirm)] : []),
    ...(page?.fix ? ['', 'Fix:', ...indent(page.fix)] : []),
    '',
    `In the mock (${RUN_WITHOUT_INSTALL} serve --scenario ${scenario.id}), the fix runs as:`,
    ...scenario.fix.map((step, i) => `  ${i + 1}. ${describeStep(step)}`),
    '',
    ...readMore(docsUrl, scenario.id),
  ].join('\n');
}

/** Every name explain knows: scenario ids, connection error codes, exception names. */
function knownNames(): string[] {
  const exceptions = scenarios.flatMap((s) => (s.expected.error ? [s.expected.error] : []));
  return [...new Set([...scenarios.map((s) => s.id), ...CONNECTION_ERROR_CODES, ...exceptions])];
}

/**
 * The name and operation in an error line: `An error occurred (X) when calling the Y operation: …`
 * (AWS CLI, boto3), `X: message` (the JavaScript SDK), or just a name.
 */
function readTerm(term: string): { name: string; operation?: string } {
  const text = term.trim();
  const operation = /when calling the (\w+) operation/.exec(text)?.[1];
  const name =
    /\(([A-Za-z]+Exception)\)/.exec(text)?.[1] ??
    /^([A-Za-z]+Exception)\b/.exec(text)?.[1] ??
    CONNECTION_ERROR_CODES.find((code) => new RegExp(`\\b${code}\\b`).test(text)) ??
    text;
  return { name, ...(operation ? { operation } : {}) };
}

const causeList = (causes: readonly Scenario[]) =>
  causes.map((s) => `  ${s.id.padEnd(34)} ${s.trigger.operation.padEnd(26)} ${s.summary}`);

export function explain({ term, operation: givenOperation, docsUrl }: ExplainQuery): Explanation {
  const { name, operation: lineOperation } = readTerm(term);
  const operation = givenOperation ?? lineOperation;
  const byId = scenarios.find((s) => s.id === name) ?? scenarios.find((s) => s.connectionErrorCode === name);
  if (byId) return { found: true, text: explainScenario(byId, docsUrl) };
  const meeting = scenarios.filter((s) => s.expected.error === name);
  const byOperation = operation ? meeting.filter((s) => s.trigger.operation === operation) : meeting;
  // A pasted line may carry the message too, which tells causes of the same exception apart.
  const byMessage = byOperation.filter((s) => s.expected.messageIncludes && term.includes(s.expected.messageIncludes));
  const narrowed = byMessage.length > 0 ? byMessage : byOperation;
  if (narrowed.length === 1) return { found: true, text: explainScenario(narrowed[0]!, docsUrl) };
  if (narrowed.length > 1)
    return {
      found: true,
      text: [
        `${name}${operation ? ` from ${operation}` : ''} has ${narrowed.length} causes here; explain one of them for its fix:`,
        ...causeList(narrowed),
        '',
        `e.g. kms-mock explain ${narrowed[0]!.id}${operation ? '' : `   (or narrow by the call that failed: kms-mock explain ${name} --operation ${narrowed[0]!.trigger.operation})`}`,
      ].join('\n'),
    };
  if (meeting.length > 0)
    return {
      found: true,
      text: [
        `No cause of ${name} here starts from ${operation}; these are its causes, by the call that meets it:`,
        ...causeList(meeting),
        '',
        `e.g. kms-mock explain ${meeting[0]!.id}`,
      ].join('\n'),
    };
  const names = knownNames();
  const nearest =
    closestId(name, names) ??
    closestId(
      name.toLowerCase(),
      names.map((n) => n.toLowerCase()),
    );
  const nearestName = nearest ? names.find((n) => n.toLowerCase() === nearest.toLowerCase()) : undefined;
  return {
    found: false,
    text: `kms-mock explain: nothing is called "${name}".${nearestName ? ` Did you mean ${nearestName}?` : ''}\nIt knows scenario ids (kms-mock explain user-logged-in), ConnectionErrorCode values (USER_LOCKED_OUT), exception names (CustomKeyStoreInvalidStateException) and error lines as the AWS CLI prints them ("An error occurred (…) when calling the CreateKey operation: …").`,
  };
}
