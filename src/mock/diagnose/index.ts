/**
 * `diagnose(text)`: what a pasted error, stack trace, describe-custom-key-stores output, Terraform
 * failure or CloudTrail record says, and which of the catalog's scenarios it is, best first, each
 * with the reason. When the facts cannot separate the best candidates it says so and asks for the
 * one fact that decides; input that is no custom key store problem gets no candidates and a
 * sentence saying why. Framework-free (`kms-custom-key-store-mock/diagnose`): it runs in a browser
 * page, in Node and in the CLI alike, and keeps nothing it reads.
 */
import { DOCS_SITE_URL, scenarioPagePath, scenarios as catalog, type Scenario } from '../scenarios/index.ts';
import { readFacts, type DiagnosisFacts, type FactVocabulary } from './facts.ts';
import { decidingQuestion, rankScenarios, type RankedScenario } from './rank.ts';

export type { DiagnosisFacts } from './facts.ts';

export interface DiagnosisCandidate {
  scenario: string;
  title: string;
  /** The scenario's page on the site (absolute, under `docsUrl`). */
  page: string;
  why: string;
  /** One of the candidates the facts fit best (several when ambiguous). */
  best: boolean;
}

export interface Diagnosis {
  facts: DiagnosisFacts;
  /** Best first; empty when the paste is no custom key store problem (see `reason`). */
  candidates: DiagnosisCandidate[];
  /** The facts fit more than one scenario equally well. */
  ambiguous: boolean;
  /** The one thing to paste next that would decide (when ambiguous, or when nothing matched yet). */
  ask?: string;
  /** Why there is no candidate. */
  reason?: string;
}

export interface DiagnoseOptions {
  /** The site the page links point to; defaults to the public site. */
  docsUrl?: string;
  /** The scenarios to rank; defaults to the whole catalog. */
  scenarios?: readonly Scenario[];
}

function vocabularyOf(scenarios: readonly Scenario[]): FactVocabulary {
  const unique = (values: (string | undefined)[]) => [...new Set(values.filter((v): v is string => v !== undefined))];
  return {
    exceptions: unique(scenarios.map((s) => s.expected.error)),
    operations: unique(
      scenarios.flatMap((s) => [s.trigger.operation, ...s.fix.map((step) => (step.kind === 'kms' ? step.operation : undefined))]),
    ),
    messageFragments: unique(scenarios.map((s) => s.expected.messageIncludes)),
  };
}

export function diagnose(text: string, options: DiagnoseOptions = {}): Diagnosis {
  const scenarios = options.scenarios ?? catalog;
  const docsUrl = (options.docsUrl ?? DOCS_SITE_URL).replace(/\/?$/, '/');
  const vocabulary = vocabularyOf(scenarios);
  const facts = readFacts(text, vocabulary);
  const ranked = rankScenarios(scenarios, facts);
  const top = ranked[0];
  const best = ranked.filter((r) => r.confirmed === top?.confirmed && r.score === top.score);
  const candidates = ranked.map((r): DiagnosisCandidate => ({
    scenario: r.scenario.id,
    title: r.scenario.title,
    page: docsUrl + scenarioPagePath(r.scenario.id),
    why: reasonFor(r, facts),
    best: best.includes(r),
  }));
  if (!top) return { facts, candidates, ambiguous: false, ...noCandidate(facts, vocabulary) };
  if (best.length > 1 || !top.confirmed) return { facts, candidates, ambiguous: true, ask: decidingQuestion(best, facts) };
  return { facts, candidates, ambiguous: false };
}

const STORE_TYPE_WORDS = { AWS_CLOUDHSM: 'a CloudHSM key store', EXTERNAL_KEY_STORE: 'an external key store' } as const;

function reasonFor(ranked: RankedScenario, facts: DiagnosisFacts): string {
  const { scenario, matched } = ranked;
  const phrases = matched.map((dimension) => {
    switch (dimension) {
      case 'exception':
        return `${facts.exception}`;
      case 'operation':
        return `from ${facts.operation}`;
      case 'connectionState':
        return `the store is ${facts.connectionState}`;
      case 'connectionErrorCode':
        return `ConnectionErrorCode ${facts.connectionErrorCode}`;
      case 'storeType':
        return STORE_TYPE_WORDS[facts.storeType!];
      case 'messageFragment':
        return `the message says “${scenario.expected.messageIncludes}”`;
    }
  });
  const missing = ranked.unknown.length > 0 ? ` Not in the paste: ${ranked.unknown.map(dimensionWords).join(', ')}.` : '';
  return `Matches ${phrases.join(', ')}. ${scenario.summary}${missing}`;
}

function dimensionWords(dimension: string): string {
  return (
    {
      exception: 'the exception',
      operation: 'the operation',
      connectionState: 'the connection state',
      connectionErrorCode: 'the connection error code',
      storeType: 'the store type',
      messageFragment: 'the message wording',
    } as Record<string, string>
  )[dimension]!;
}

const PROGRAM_ERROR =
  /^(TypeError|ReferenceError|SyntaxError|RangeError|AttributeError|KeyError|NameError|NullPointerException|NullReferenceException)$/;
const DESCRIBE = 'aws kms describe-custom-key-stores';

function noCandidate(facts: DiagnosisFacts, vocabulary: FactVocabulary): { reason: string; ask?: string } {
  const { exception, connectionState } = facts;
  if (exception && PROGRAM_ERROR.test(exception))
    return {
      reason: `${exception} is an error in the program itself, not an answer from KMS: no custom key store page applies.`,
    };
  if (exception && !vocabulary.exceptions.includes(exception))
    return {
      reason: `${exception} is not one of the custom key store errors these pages cover (it is not about a store's connection or its backing key store).`,
    };
  if (exception)
    return {
      reason: `No page fits ${exception} together with the other facts in the paste.`,
      ask: `Paste the output of \`${DESCRIBE}\` with the error, so the store's state can be read.`,
    };
  if (connectionState === 'CONNECTED')
    return {
      reason: `Every custom key store in the paste is CONNECTED and no error was found: nothing here is a custom key store problem.`,
    };
  if (connectionState)
    return {
      reason: `A ${connectionState} store without an error is no problem by itself.`,
      ask: 'Paste the error you got from the call that failed, with the describe output.',
    };
  return {
    reason: 'Nothing in the paste looks like a KMS error or describe-custom-key-stores output.',
    ask: `Paste the error as your program or the AWS CLI printed it, or the output of \`${DESCRIBE}\`.`,
  };
}
