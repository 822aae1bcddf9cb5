/**
 * Stands in for `tough-cookie` in the run worker (aliased in astro.config.mjs). MSW keeps a
 * cookie jar for responses that set cookies and requests sent with credentials; the simulated
 * KMS sets none and the SDK sends none, so an always-empty jar behaves the same, without
 * tough-cookie's parser and the public-suffix list (tldts, ~250 KB raw) in the worker.
 */
export class MemoryCookieStore {
  idx: Record<string, unknown> = {};
}

export class CookieJar {
  getCookiesSync(): [] {
    return [];
  }

  async setCookie(): Promise<void> {}
}

export const Cookie = {
  fromJSON: (): null => null,
};
