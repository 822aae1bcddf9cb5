/**
 * The World panel: simulated time, the eventual-consistency toggle, the custom key stores with
 * their backing cluster or proxy and keys, and buttons for the out-of-KMS fixes available now.
 */
import type { WorldAction, WorldState } from 'kms-custom-key-store-mock';
import { describeOffer } from 'kms-custom-key-store-mock/core';
import { describeWorld, type StoreView } from '../world/describe-world';
import { PLAYGROUND_LAG_MS, type ConsistencySetting } from '../world/world-keeper';
import { h } from './dom';
import { formatDuration, formatSimulatedTime } from './format';

export interface WorldViewHandlers {
  onAction(action: WorldAction): void;
  onJump(ms: number): void;
  onConsistencyChange(enabled: boolean): void;
}

export class WorldView {
  constructor(
    private readonly parts: { clock: HTMLElement; consistency: HTMLElement; stores: HTMLElement; actions: HTMLElement },
    private readonly handlers: WorldViewHandlers,
  ) {}

  showClock(now: number, sinceStart: number): void {
    this.parts.clock.replaceChildren(
      h('span', { class: 'pg-clock-now' }, formatSimulatedTime(now)),
      ' ',
      h('span', { class: 'pg-clock-elapsed' }, `(${formatDuration(sinceStart)} since the scenario started)`),
    );
  }

  /** The eventual-consistency toggle, its one-line explanation and the seed of its lags. */
  showConsistency(setting: ConsistencySetting): void {
    const toggle = h('input', { type: 'checkbox', 'data-pg': 'consistency-toggle' });
    toggle.checked = setting.enabled;
    toggle.addEventListener('change', () => this.handlers.onConsistencyChange(toggle.checked));
    this.parts.consistency.replaceChildren(
      h('label', {}, toggle, ` Eventual consistency: ${setting.enabled ? 'on' : 'off'}`),
      h(
        'span',
        { class: 'pg-muted' },
        ` As in AWS, reads and calls may still see a store's or key's previous state for up to ${formatDuration(PLAYGROUND_LAG_MS)} after a change`,
        setting.enabled ? ` (seed ${setting.seed}: the same code meets the same lags).` : '.',
      ),
    );
  }

  /** What the stores and actions show now, to skip redrawing the same. */
  private shown: string | undefined;

  /** `isFix`: the action is one of the current scenario's documented fix steps. */
  show(world: WorldState, actions: WorldAction[], isFix: (action: WorldAction) => boolean = () => false): void {
    const view = describeWorld(world);
    const offers = [...actions]
      .map((action) => ({ action, fix: isFix(action), offer: describeOffer(world, action) }))
      .sort((a, b) => Number(b.fix) - Number(a.fix));
    // A run reports the world after most requests with nothing here changed (its clock has moved);
    // drawing the same again would cost the frame that shows the program's output a style and layout pass.
    const shown = JSON.stringify([view, offers]);
    if (shown === this.shown) return;
    this.shown = shown;
    this.parts.stores.replaceChildren(
      ...(view.stores.length
        ? view.stores.map(renderStore)
        : [h('p', { class: 'pg-muted' }, 'No custom key stores in this account yet.')]),
      ...(view.otherKeys.length
        ? [
            h(
              'p',
              { class: 'pg-muted pg-other-keys' },
              `Other KMS keys: ${view.otherKeys.map((k) => `${k.id} (${k.state})`).join(', ')}`,
            ),
          ]
        : []),
    );
    this.parts.actions.replaceChildren(
      ...(offers.length
        ? offers.map(({ action, fix, offer }) => {
            const button = h(
              'button',
              { type: 'button', class: 'pg-action' },
              fix ? h('span', { class: 'pg-fix-badge' }, 'Fix') : null,
              offer.label,
              offer.then ? h('span', { class: 'pg-action-then' }, ` ${offer.then}`) : null,
            );
            button.addEventListener('click', () => this.handlers.onAction(action));
            return button;
          })
        : [h('p', { class: 'pg-muted' }, 'Nothing to change outside KMS right now.')]),
    );
  }
}

function renderStore(store: StoreView): HTMLElement {
  const next =
    store.nextConnect === 'CONNECTED'
      ? h('span', { class: 'pg-fact-ok' }, 'would succeed')
      : h('span', { class: 'pg-fact-bad' }, `would fail with ${store.nextConnect}`);
  return h(
    'article',
    { class: 'pg-store', 'data-store-id': store.id },
    h('header', {}, h('strong', {}, store.name), ' ', h('span', { class: 'pg-muted' }, `${store.id} · ${store.typeLabel}`)),
    h(
      'p',
      { class: 'pg-store-state' },
      h('span', { class: `pg-state pg-state-${store.state.toLowerCase()}` }, store.state),
      store.errorCode ? h('span', { class: 'pg-error-code' }, ` ${store.errorCode}`) : null,
      store.reportedState
        ? h(
            'span',
            { class: 'pg-muted pg-reported-state' },
            ` · KMS may still report ${store.reportedState} (eventual consistency)`,
          )
        : null,
    ),
    h('p', { class: 'pg-backing-title' }, store.backing.title),
    h(
      'ul',
      { class: 'pg-facts' },
      ...store.backing.facts.map((fact) =>
        h('li', { class: fact.ok ? 'pg-fact-ok' : 'pg-fact-bad' }, fact.ok ? '✓ ' : '✗ ', fact.text),
      ),
    ),
    h('p', { class: 'pg-next-connect' }, 'A connection attempt now ', next),
    store.keys.length
      ? h(
          'p',
          { class: 'pg-keys' },
          'Keys: ',
          ...store.keys.flatMap((key, i) => [i ? ', ' : '', h('code', {}, key.id), ` ${key.state}`]),
        )
      : h('p', { class: 'pg-keys pg-muted' }, 'No KMS keys in this store.'),
  );
}
