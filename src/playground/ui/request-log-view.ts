/** The Requests panel: every KMS call in order, so retries and their outcomes are visible. */
import type { RequestRecord } from 'kms-custom-key-store-mock';
import { h } from './dom';
import { formatDuration } from './format';

export class RequestLogView {
  private count = 0;

  constructor(
    private readonly body: HTMLTableSectionElement,
    private readonly empty: HTMLElement,
  ) {}

  clear(): void {
    this.body.replaceChildren();
    this.count = 0;
    this.empty.hidden = false;
  }

  add(record: RequestRecord): void {
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
    row.scrollIntoView({ block: 'nearest' });
  }
}
