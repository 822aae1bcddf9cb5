/**
 * Starlight route middleware: labels of other pages, shown in the sidebar and in the "Previous"
 * and "Next" links under a page, such as `XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION` or
 * `SUBNET_NOT_FOUND` (too wide for a Previous/Next box at its size), which the browser cut at any
 * letter ("SUBNET_NOT_FOU" / "ND"). A label is text, not markup, so the places where it may break
 * (./identifier-breaks.ts) are zero-width spaces, which are not seen, read aloud or typed.
 * Starlight hands each page its own copy of the route data, so changing it here changes one page.
 */
import { defineRouteMiddleware, type StarlightRouteData } from '@astrojs/starlight/route-data';
import { identifierBreakPieces } from './identifier-breaks';

const ZERO_WIDTH_SPACE = '\u200B';
/** A sidebar line holds about this many capitals; only names longer than that need a place to break. */
const SIDEBAR_LINE_CHARACTERS = 24;

const breakable = (label: string, longWord?: number) => identifierBreakPieces(label, longWord).join(ZERO_WIDTH_SPACE);

function breakSidebarLabels(entries: StarlightRouteData['sidebar']): void {
  for (const entry of entries) {
    if (entry.type === 'group') breakSidebarLabels(entry.entries);
    else entry.label = breakable(entry.label, SIDEBAR_LINE_CHARACTERS + 1);
  }
}

export const onRequest = defineRouteMiddleware(({ locals }) => {
  const { pagination, sidebar } = locals.starlightRoute;
  for (const link of [pagination.prev, pagination.next]) if (link) link.label = breakable(link.label);
  breakSidebarLabels(sidebar);
});
