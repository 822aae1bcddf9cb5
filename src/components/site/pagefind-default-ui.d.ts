/** The one export of Pagefind's default UI that src/components/site/pagefind-on-demand.ts uses. */
declare module '@pagefind/default-ui' {
  export class PagefindUI {
    constructor(options: Record<string, unknown>);
  }
}
