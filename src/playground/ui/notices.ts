/**
 * The playground's status line (what just happened: loading, running, finished, a fix applied)
 * and its notices (messages that stay until dismissed: a damaged link, a draft to restore).
 */
import { h, part } from './dom';

export type StatusTone = 'info' | 'busy' | 'ok' | 'warn' | 'error';
export type NoticeTone = 'info' | 'warn' | 'error';

export interface NoticeAction {
  label: string;
  run(): void;
}

export class Notices {
  private readonly statusLines: HTMLElement[];
  private readonly list: HTMLElement;

  constructor(root: HTMLElement) {
    this.statusLines = [part(root, 'status')];
    this.list = part(root, 'notices');
  }

  /** What the status line says now. */
  get currentStatus(): string {
    return this.statusLines[0]?.textContent ?? '';
  }

  status(text: string, tone: StatusTone): void {
    for (const line of this.statusLines) {
      line.textContent = text;
      line.dataset.tone = tone;
    }
  }

  /**
   * Shows the status in `element` too, for a reader whose eyes are far from the toolbar (the World
   * panel's buttons, on a phone). Only the toolbar's line is announced to screen readers.
   */
  repeatStatusIn(element: HTMLElement): void {
    const [main] = this.statusLines;
    element.textContent = main?.textContent ?? '';
    if (main?.dataset.tone) element.dataset.tone = main.dataset.tone;
    this.statusLines.push(element);
  }

  notice(tone: NoticeTone, text: string, actions: NoticeAction[] = []): void {
    const notice = h(
      'div',
      { class: `pg-notice pg-notice-${tone}`, role: tone === 'info' ? 'status' : 'alert' },
      h('p', {}, text),
    );
    for (const action of [...actions, { label: 'Dismiss', run: () => {} }]) {
      const button = h('button', { type: 'button' }, action.label);
      button.addEventListener('click', () => {
        action.run();
        notice.remove();
      });
      notice.append(button);
    }
    this.list.append(notice);
  }

  clear(): void {
    this.list.replaceChildren();
  }
}
