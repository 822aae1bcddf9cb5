/**
 * The Output panel: console entries, uncaught errors and playground notes. Objects are trees
 * whose children are built when first opened; SDK errors show name, message, `$fault` and
 * `$metadata` at once. All text goes in as text nodes.
 */
import type { ConsoleEntry, InspectEntry, InspectNode } from '../runner';
import { preview } from '../runner/inspect';
import { append, h } from './dom';

export type NoteTone = 'info' | 'warn' | 'error';

const UNCAUGHT_LABELS = {
  'top-level': 'Uncaught',
  timer: 'Uncaught (in a timer callback)',
  'unhandled-rejection': 'Unhandled promise rejection',
} as const;

export class ConsoleView {
  private lines = 0;
  private readonly pending: HTMLElement[] = [];
  /** A frame is coming that appends whatever is pending. */
  private frameRequested = false;
  private firstLineListener: (() => void) | undefined;

  constructor(private readonly container: HTMLElement) {}

  clear(): void {
    this.container.replaceChildren();
    this.pending.length = 0;
    this.lines = 0;
  }

  isEmpty(): boolean {
    return this.lines === 0;
  }

  /** Called once, when the next line is on screen (for the Run → first output measurement). */
  onNextLine(listener: () => void): void {
    this.firstLineListener = listener;
  }

  entry(entry: ConsoleEntry): void {
    const line = h('div', { class: `pg-line pg-level-${entry.level}` });
    if (entry.indent) line.style.paddingInlineStart = `${entry.indent * 1.25 + 0.5}rem`;
    if (entry.level === 'warn' || entry.level === 'error') append(line, h('span', { class: 'pg-level-badge' }, entry.level), ' ');
    entry.args.forEach((arg, index) => {
      if (index > 0) append(line, ' ');
      append(line, renderValue(arg, true));
    });
    this.add(line);
  }

  uncaught(where: keyof typeof UNCAUGHT_LABELS, error: InspectNode): void {
    this.add(
      h(
        'div',
        { class: 'pg-line pg-level-error pg-uncaught' },
        h('span', { class: 'pg-level-badge' }, UNCAUGHT_LABELS[where]),
        ' ',
        renderValue(error, true),
      ),
    );
  }

  note(text: string, tone: NoteTone = 'info'): void {
    this.add(h('div', { class: `pg-line pg-note pg-note-${tone}`, role: tone === 'info' ? undefined : 'alert' }, text));
  }

  /**
   * The first line after a quiet spell goes in at once; lines that follow within the same frame
   * wait and go in together when it is drawn. A line appended now shows in the next frame either
   * way, so this costs nothing on screen, but it is in the page (and with screen readers) without
   * waiting for that frame. A program printing thousands of lines still makes the page lay out
   * at most twice a frame, not after every line.
   */
  private add(line: HTMLElement) {
    this.lines += 1;
    if (this.frameRequested) {
      this.pending.push(line);
      return;
    }
    this.frameRequested = true;
    requestAnimationFrame(() => {
      this.frameRequested = false;
      this.flush();
    });
    this.pending.push(line);
    this.flush();
  }

  private flush() {
    if (this.pending.length === 0) return;
    // Follow the output when the reader is at its end. Reading the scroll position lays the page
    // out, so a single line into an empty console (a run's first) skips it: it shows from its top.
    const follow =
      this.container.childElementCount === 0
        ? this.pending.length > 1
        : this.container.scrollHeight - this.container.scrollTop - this.container.clientHeight < 24;
    this.container.append(...this.pending.splice(0));
    if (follow) this.container.scrollTop = this.container.scrollHeight;
    const listener = this.firstLineListener;
    this.firstLineListener = undefined;
    listener?.();
  }
}

function renderValue(node: InspectNode, top: boolean): Node {
  switch (node.kind) {
    case 'string':
      if (top)
        return h(
          'span',
          { class: 'pg-string-raw' },
          node.value,
          node.omittedChars ? h('span', { class: 'pg-omitted' }, ` … (${node.omittedChars} more characters)`) : null,
        );
      return h(
        'span',
        { class: 'pg-v-string' },
        JSON.stringify(node.value),
        node.omittedChars ? h('span', { class: 'pg-omitted' }, ` … (${node.omittedChars} more characters)`) : null,
      );
    case 'error':
      return renderError(node);
    case 'collection':
      return renderCollection(node, top);
    default:
      return h('span', { class: `pg-v-${node.kind}` }, node.text);
  }
}

function renderCollection(node: Extract<InspectNode, { kind: 'collection' }>, open: boolean): Node {
  if (node.entries.length === 0 && node.omittedEntries === 0) return h('span', { class: 'pg-v-collection' }, preview(node));
  const details = h('details', { class: 'pg-tree' }, h('summary', {}, preview(node, 160)));
  let built = false;
  const build = () => {
    if (built) return;
    built = true;
    details.append(renderEntries(node.entries, node.omittedEntries));
  };
  details.addEventListener('toggle', build);
  if (open && preview(node, 10_000).length > 160) {
    details.open = true;
    build();
  }
  return details;
}

function renderEntries(entries: InspectEntry[], omitted: number): HTMLElement {
  const list = h('div', { class: 'pg-tree-children' });
  for (const entry of entries) {
    list.append(
      h('div', { class: 'pg-tree-row' }, h('span', { class: 'pg-key' }, entry.key), ': ', renderValue(entry.value, false)),
    );
  }
  if (omitted > 0) list.append(h('div', { class: 'pg-omitted' }, `… ${omitted} more not shown`));
  return list;
}

function renderError(node: Extract<InspectNode, { kind: 'error' }>): Node {
  const block = h(
    'div',
    { class: 'pg-error' },
    h('span', { class: 'pg-error-name' }, node.name),
    node.message ? `: ${node.message}` : '',
  );
  if (node.fields.length) block.append(renderEntries(node.fields, 0));
  if (node.stack) {
    const frames = node.stack.split('\n').slice(1).join('\n');
    if (frames.trim()) block.append(h('details', { class: 'pg-stack' }, h('summary', {}, 'Stack trace'), h('pre', {}, frames)));
  }
  return block;
}
