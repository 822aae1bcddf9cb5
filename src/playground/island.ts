/**
 * <kms-playground>: the playground island. The element is in the page's HTML from the start;
 * Monaco, the SDK and everything else load only when it connects, so no other page pays for them.
 * Monaco's code downloads meanwhile (the page's head preloads it), but runs only once the app has
 * shown the code and the reader has paused (./app).
 */
class KmsPlayground extends HTMLElement {
  private started = false;

  connectedCallback() {
    if (this.started) return;
    this.started = true;
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
