/**
 * Where text may break inside a long identifier. Titles and facts here are full of names such as
 * `CustomKeyStoreInvalidStateException` and `XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND`, wider than a
 * phone's screen at a heading's size; left to the browser they break at any letter ("…Inva" /
 * "lidState…"). Splitting them where a reader would (before a capital that starts a word in
 * camelCase, after an underscore) gives the browser better places. The page marks them with
 * `<wbr>` (./Breakable.astro), which leaves the text itself (copied, searched, read aloud) as it was.
 */

/**
 * Words shorter than this fit a phone's line at a page title's size, and are left whole. About 13
 * capitals fill a 390 px screen's line at that size (`NETWORK_ERRORS:` does not fit), some 17
 * lower-case letters.
 */
const TITLE_LONG_WORD = 12;
const INSIDE_AN_IDENTIFIER = /(?<=[a-z0-9])(?=[A-Z])|(?<=_)(?=[^_])/;

/**
 * `text` in pieces, in order, with a break allowed between any two of them. Only words of at
 * least `longWord` characters are split: a shorter one fits a line, and breaking it at the end of
 * one would only make it harder to read.
 */
export function identifierBreakPieces(text: string, longWord = TITLE_LONG_WORD): string[] {
  const pieces = [''];
  for (const token of text.split(/(\s+)/)) {
    const [first = '', ...rest] = token.length >= longWord ? token.split(INSIDE_AN_IDENTIFIER) : [token];
    pieces[pieces.length - 1] += first;
    pieces.push(...rest);
  }
  return pieces;
}
