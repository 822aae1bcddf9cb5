/**
 * Site-internal URLs. Every internal link the components render goes through `withBase`, so the
 * built site works when served from a sub-path (Astro `base`, e.g. `/kms-errors/`).
 */

/** Prefixes a site path (with or without a leading slash) with the configured base path. */
export function withBase(path: string, base: string = import.meta.env.BASE_URL): string {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return `${prefix}${path.replace(/^\/+/, '')}`;
}

export function scenarioPagePath(id: string): string {
  return `scenarios/${id}/`;
}

export function playgroundPath(id: string): string {
  return `playground/?scenario=${encodeURIComponent(id)}`;
}
