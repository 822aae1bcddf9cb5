/**
 * Starlight route middleware: the "Previous" and "Next" links under a page name pages by labels
 * such as `SUBNET_NOT_FOUND`, too wide for their box at their size, which the browser then cut at
 * any letter ("SUBNET_NOT_FOU" / "ND"). The label is text, not markup, so the places where it may
 * break (./identifier-breaks.ts) are zero-width spaces, which are not seen, read aloud or typed.
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { identifierBreakPieces } from './identifier-breaks';

const ZERO_WIDTH_SPACE = '\u200B';

export const onRequest = defineRouteMiddleware(({ locals }) => {
  const { prev, next } = locals.starlightRoute.pagination;
  for (const link of [prev, next]) if (link) link.label = identifierBreakPieces(link.label).join(ZERO_WIDTH_SPACE);
});
