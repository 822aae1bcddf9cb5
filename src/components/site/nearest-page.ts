/**
 * The page a broken address most likely meant: a typo (`/scenarios/user-lockedout/`), a code typed
 * as it is printed (`/scenarios/USER_LOCKED_OUT/`), a missing slash. Runs on the 404 page, in the
 * browser, against the list of pages the build wrote into it.
 */
import { closestId } from 'kms-custom-key-store-mock/scenarios';

export interface KnownPage {
  /** The page's path below the site's base, as `scenarios/user-locked-out/`. */
  path: string;
  title: string;
}

/** `requestedPath` (below the base) as a page's path would be written: lower case, hyphens, one slash at the end. */
function normalise(requestedPath: string): string {
  let path = requestedPath;
  try {
    path = decodeURIComponent(requestedPath);
  } catch {
    // A malformed escape is compared as it is.
  }
  path = path
    .toLowerCase()
    .replace(/_/g, '-')
    .replace(/\/index\.html?$/, '/')
    .replace(/^\/+/, '');
  return path.endsWith('/') ? path : `${path}/`;
}

export function nearestPage(requestedPath: string, pages: readonly KnownPage[]): KnownPage | undefined {
  const wanted = normalise(requestedPath);
  if (wanted === '/') return undefined;
  const path = closestId(
    wanted,
    pages.map((page) => page.path),
  );
  return pages.find((page) => page.path === path);
}
