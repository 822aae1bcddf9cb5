/**
 * Site-internal URLs, for the Astro components and the playground alike (so nothing here may
 * depend on Astro). Every internal link goes through `withBase`, so the built site works when
 * served from a sub-path (Astro `base`, e.g. `/kms-errors/`).
 */

/** The playground's query parameter that names the scenario to open. */
export const PLAYGROUND_SCENARIO_PARAM = 'scenario';

/** Prefixes a site path (with or without a leading slash) with the configured base path. */
export function withBase(path: string, base: string = import.meta.env.BASE_URL): string {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return `${prefix}${path.replace(/^\/+/, '')}`;
}

export { scenarioPagePath } from 'kms-custom-key-store-mock/scenarios';

export function playgroundPath(id: string): string {
  return `playground/?${PLAYGROUND_SCENARIO_PARAM}=${encodeURIComponent(id)}`;
}
