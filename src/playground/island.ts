/**
 * <kms-playground>: the playground island. The element is in the page's HTML from the start;
 * Monaco, the SDK and everything else load only when it connects, so no other page pays for them.
 * Monaco's code downloads meanwhile (preloaded once the island runs), but runs only once the app has
 * shown the code and come up, and takes over the editor once the reader has paused (./app).
 */
import { MONACO_PRELOAD_TEMPLATE } from './config';

class KmsPlayground extends HTMLElement {
  private started = false;

  connectedCallback() {
    if (this.started) return;
    this.started = true;
    // Monaco's chunks start downloading and compiling now that the page's own scripts have: from
    // the page's head they would compete with them for the browser's threads, and hold up the code's
    // first appearance.
    const monacoPreload = document.getElementById(MONACO_PRELOAD_TEMPLATE);
    if (monacoPreload instanceof HTMLTemplateElement) document.head.append(monacoPreload.content.cloneNode(true));
    import('./app')
      .then(({ startPlayground }) => startPlayground(this))
      .catch((error: unknown) => {
        const status = this.querySelector('[data-pg="status"]');
        if (status)
          status.textContent = `The playground failed to start: ${error instanceof Error ? error.message : String(error)}. Reload the page to try again.`;
        this.setAttribute('data-editor', 'failed');
      });
  }
}

if (!customElements.get('kms-playground')) customElements.define('kms-playground', KmsPlayground);
