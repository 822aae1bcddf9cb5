/**
 * The answer of the diagnose box, built with DOM nodes from diagnose()'s result (never HTML from
 * the paste): the matching page, the facts read, the other candidates, the question that decides,
 * and a playground link that opens the scenario's world.
 */
import type { Diagnosis, DiagnosisFacts } from 'kms-custom-key-store-mock/diagnose';
import { encodeSituationParam } from '~/playground/share/situation-hash';
import { playgroundPath, scenarioPagePath, withBase } from '../scenario/links';

/**
 * The playground in the scenario's own world: it has the paste's store type, connection state and
 * error code from the start, so the link carries no repairs or time jumps (an empty situation).
 */
function playgroundLink(scenarioId: string, base: string): string {
  const situation = encodeSituationParam({ steps: [], toggles: {} });
  return withBase(playgroundPath(scenarioId), base) + (situation ? `#${situation}` : '');
}

const FACT_LABELS: [keyof DiagnosisFacts, string][] = [
  ['exception', 'Exception'],
  ['operation', 'Operation'],
  ['storeId', 'Store'],
  ['storeType', 'Store type'],
  ['connectionState', 'Connection state'],
  ['connectionErrorCode', 'Connection error code'],
  ['keyOrigin', 'Key origin'],
  ['keyState', 'Key state'],
];

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  attributes: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

function factsList(facts: DiagnosisFacts): HTMLElement {
  const list = element('dl', undefined, { class: 'diagnose-facts' });
  const rows = FACT_LABELS.flatMap(([key, label]) => (typeof facts[key] === 'string' ? [[label, facts[key] as string]] : []));
  if (facts.messageFragments.length > 0) rows.push(['Message says', facts.messageFragments.map((f) => `“${f}”`).join(', ')]);
  for (const [label, value] of rows) list.append(element('dt', label), element('dd', value));
  return list;
}

export function renderAnswer(diagnosis: Diagnosis, base: string): HTMLElement {
  const answer = element('div');
  const { candidates } = diagnosis;
  const best = candidates.filter((c) => c.best);
  if (candidates.length === 0) {
    answer.append(element('p', diagnosis.reason ?? 'No page matches.', { 'data-diagnose-reason': '' }));
  } else {
    answer.append(
      element('p', diagnosis.ambiguous ? `These ${best.length} pages fit what you pasted equally well:` : 'Your page:', {
        class: 'diagnose-heading',
      }),
    );
    const list = element('ul', undefined, { class: 'diagnose-best' });
    for (const candidate of best) {
      const item = element('li');
      item.append(
        element('a', candidate.title, {
          href: withBase(scenarioPagePath(candidate.scenario), base),
          'data-diagnose-page': candidate.scenario,
        }),
      );
      item.append(element('p', candidate.why));
      item.append(
        element('a', 'Open in the playground in this state', {
          href: playgroundLink(candidate.scenario, base),
          'data-diagnose-playground': candidate.scenario,
        }),
      );
      list.append(item);
    }
    answer.append(list);
  }
  if (diagnosis.ask) answer.append(element('p', `To decide: ${diagnosis.ask}`, { class: 'diagnose-ask' }));
  const facts = factsList(diagnosis.facts);
  if (facts.childElementCount > 0) answer.append(element('p', 'What was read from the paste:'), facts);
  const others = candidates.filter((c) => !c.best);
  if (others.length > 0) {
    answer.append(element('p', 'Less likely:'));
    const list = element('ul');
    for (const other of others) {
      const item = element('li');
      item.append(element('a', other.title, { href: withBase(scenarioPagePath(other.scenario), base) }));
      list.append(item);
    }
    answer.append(list);
  }
  return answer;
}
