/**
 * Stands in for `@pagefind/default-ui` in Starlight's search component (see
 * src/integrations/search-on-demand.ts). Starlight builds Pagefind's UI (26 KB gzip) as soon as
 * the browser is first idle. On the playground that idle time belongs to the editor, the type
 * checker and the run worker, and few readers search from there, so the UI is built when the
 * reader heads for search: the pointer reaches the Search button, it gets focus or a click, or
 * Ctrl/⌘+K is pressed. Every other page builds it at once, as Starlight does.
 */
type PagefindOptions = Record<string, unknown>;

export class PagefindUI {
  constructor(options: PagefindOptions) {
    if (!document.querySelector('kms-playground')) {
      void buildSearchUi(options);
      return;
    }
    const button = document.querySelector<HTMLButtonElement>('site-search button[data-open-modal]');
    const dialog = document.querySelector<HTMLDialogElement>('site-search dialog');
    let started = false;
    const start = () => {
      if (started) return;
      started = true;
      void buildSearchUi(options).then(() => {
        // Starlight focused the input when it opened the dialog, before the input existed.
        if (dialog?.open) dialog.querySelector('input')?.focus();
      });
    };
    // Starlight constructs this when the browser is first idle, which on a busy playground can come
    // after the reader has already opened the dialog (Starlight's own Ctrl+K and click handlers run
    // from the start): then build at once, or the dialog would stay empty.
    if (dialog?.open) {
      start();
      return;
    }
    for (const type of ['pointerenter', 'focus', 'click'] as const) button?.addEventListener(type, start, { once: true });
    window.addEventListener('keydown', (event) => {
      if ((event.metaKey || event.ctrlKey) && event.key === 'k') start();
    });
  }
}

async function buildSearchUi(options: PagefindOptions): Promise<void> {
  const { PagefindUI: RealPagefindUI } = await import('@pagefind/default-ui');
  new RealPagefindUI(options);
}
