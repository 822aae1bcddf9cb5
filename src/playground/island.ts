/**
 * <kms-playground>: the playground island. The element is in the page's HTML from the start;
 * Monaco, the SDK and everything else load only when it connects, so no other page pays for them.
 */
class KmsPlayground extends HTMLElement {
  private started = false;

  connectedCallback() {
    if (this.started) return;
    this.started = true;
    // Monaco is the biggest download: start it now rather than after the app has loaded.
    void import('./editor/choose-editor').then(({ wantsPlainEditor, loadMonacoEditor }) => {
      if (!wantsPlainEditor(this)) loadMonacoEditor().catch(() => {});
    });
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
