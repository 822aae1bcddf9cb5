/**
 * Stands in for `tldts` in the run worker (aliased in astro.config.mjs). MSW's cookie store pulls
 * it in through tough-cookie for the public-suffix list (about 250 KB); KMS requests carry no
 * cookies, so the last two labels of a host name are domain enough.
 */
export function getDomain(hostname: string): string | null {
  const labels = hostname.split('.').filter(Boolean);
  return labels.length >= 2 ? labels.slice(-2).join('.') : null;
}

export function getPublicSuffix(hostname: string): string | null {
  return hostname.split('.').filter(Boolean).at(-1) ?? null;
}
