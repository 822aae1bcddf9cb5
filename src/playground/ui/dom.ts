/**
 * A tiny element builder. Text always goes in through text nodes (never innerHTML), so whatever
 * a program prints, or a link carries, is shown as text and never parsed as HTML.
 */
type Child = Node | string | number | false | null | undefined;
type Attributes = Record<string, string | number | boolean | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (name === 'class') element.className = String(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** The element marked `data-pg="<name>"` inside `root`; a missing one is a bug in the page. */
export function part<T extends HTMLElement = HTMLElement>(root: ParentNode, name: string): T {
  const element = root.querySelector<T>(`[data-pg="${name}"]`);
  if (!element) throw new Error(`The playground page lacks its "${name}" element.`);
  return element;
}

/**
 * Calls `work` once after the browser has painted the next frame (one call however often it is
 * asked for before then): a panel's redraw waits until the output line that came with it is on
 * screen, instead of delaying that frame.
 */
export function afterNextPaint(): (work: () => void) => void {
  let pending: (() => void) | undefined;
  return (work) => {
    const alreadyScheduled = pending !== undefined;
    pending = work;
    if (alreadyScheduled) return;
    requestAnimationFrame(() =>
      setTimeout(() => {
        const latest = pending;
        pending = undefined;
        latest?.();
      }),
    );
  };
}
