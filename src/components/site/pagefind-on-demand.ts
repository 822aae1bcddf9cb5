/**
 * Stands in for `@pagefind/default-ui` in Starlight's search component (see
 * src/integrations/search-on-demand.ts). Starlight builds Pagefind's UI (26 KB gzip) as soon as
 * the browser is first idle. On the playground that idle time belongs to the editor, the type
 * checker and the run worker, and few readers search from there, so the UI is built when the
 * reader heads for search: the pointer reaches the Search button, it gets focus or a click, or
 * Ctrl/⌘+K is pressed. Every other page builds it at once, as Starlight does.
 *
 * If loading the UI fails (a dropped connection, a deploy that replaced the file), the dialog
 * would stay empty for the rest of the visit; instead the next move towards search tries again.
 * `site-search[data-search-ui]` tells how far it got: `building`, `ready` or `failed`.
 */
type PagefindOptions = Record<string, unknown>;

export class PagefindUI {
  constructor(options: PagefindOptions) {
    const host = document.querySelector<HTMLElement>('site-search');
    const button = host?.querySelector<HTMLButtonElement>('button[data-open-modal]');
    const dialog = host?.querySelector<HTMLDialogElement>('dialog');
    let state: 'waiting' | 'building' | 'ready' = 'waiting';
    const build = () => {
      if (state !== 'waiting') return;
      state = 'building';
      if (host) host.dataset.searchUi = 'building';
      void buildSearchUi(options).then((built) => {
        state = built ? 'ready' : 'waiting';
        if (host) host.dataset.searchUi = built ? 'ready' : 'failed';
        // Starlight focused the input when it opened the dialog, before the input existed.
        if (built && dialog?.open) dialog.querySelector('input')?.focus();
      });
    };
    for (const type of ['pointerenter', 'focus', 'click'] as const) button?.addEventListener(type, build);
    window.addEventListener('keydown', (event) => {
      if ((event.metaKey || event.ctrlKey) && event.key === 'k') build();
    });
    // Starlight constructs this when the browser is first idle, which on a busy playground can come
    // after the reader has already opened the dialog (Starlight's own Ctrl+K and click handlers run
    // from the start): then build at once, or the dialog would stay empty.
    if (!document.querySelector('kms-playground') || dialog?.open) build();
  }
}

async function buildSearchUi(options: PagefindOptions): Promise<boolean> {
  try {
    const { PagefindUI: RealPagefindUI } = await import('@pagefind/default-ui');
    new RealPagefindUI(options);
    return true;
  } catch (error) {
    console.error('Site search could not load; it will try again when you next open it.', error);
    return false;
  }
}
