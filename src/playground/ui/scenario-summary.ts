/** Above the editor: what the scenario is about, and a link to its guide. */
import { scenarioPagePath, withBase } from '~/components/scenario/links';
import type { PlaygroundSession } from '../session';
import { part } from './dom';
import type { Panel } from './panel';

export class ScenarioSummary implements Panel {
  private summary!: HTMLElement;
  private guide!: HTMLAnchorElement;

  constructor(private readonly session: PlaygroundSession) {}

  mount(root: HTMLElement): void {
    this.summary = part(root, 'summary');
    this.guide = part<HTMLAnchorElement>(root, 'guide-link');
  }

  onScenarioStart(): void {
    const { scenario } = this.session;
    this.summary.textContent = scenario.summary;
    this.guide.href = withBase(scenarioPagePath(scenario.id));
    this.guide.textContent = `Read the guide: ${scenario.title}`;
  }
}
