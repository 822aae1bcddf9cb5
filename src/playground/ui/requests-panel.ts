/** The Requests panel: every KMS call in order, so retries and their outcomes are visible. */
import type { RequestRecord } from 'kms-custom-key-store-mock';
import { afterNextPaint, h, part } from './dom';
import { formatDuration } from './format';
import type { Panel } from './panel';

export class RequestsPanel implements Panel {
  private count = 0;
  private readonly followAfterPaint = afterNextPaint();
  private body!: HTMLTableSectionElement;
  private empty!: HTMLElement;
  /** The table's scrolling box: it follows the newest call, the page does not move. */
  private scroller!: HTMLElement;

  mount(root: HTMLElement): void {
    this.body = part<HTMLTableSectionElement>(root, 'requests');
    this.empty = part(root, 'requests-empty');
    this.scroller = part(root, 'requests-scroller');
  }

  onScenarioStart(): void {
    this.clear();
  }

  onRunStart(): void {
    this.clear();
  }

  onRequest(record: RequestRecord): void {
    this.count += 1;
    this.empty.hidden = true;
    const failed = record.status === 0 || record.status >= 400;
    const row = h(
      'tr',
      { class: [failed ? 'pg-request-failed' : '', record.attempt > 1 ? 'pg-request-retry' : ''].join(' ').trim() || undefined },
      h('td', {}, this.count),
      h('td', {}, record.operation),
      h('td', {}, record.attempt),
      h('td', {}, record.status === 0 ? 'dropped' : record.status),
      h('td', {}, record.errorType ?? ''),
      h('td', {}, formatDuration(record.durationMs)),
    );
    this.body.append(row);
    // Scrolling reads the layout, which would be computed before the output line is shown.
    this.followAfterPaint(() => (this.scroller.scrollTop = this.scroller.scrollHeight));
  }

  private clear() {
    this.body.replaceChildren();
    this.count = 0;
    this.empty.hidden = false;
  }
}
