/** Where long names break across lines, as a reader sees it: for the browser tests of the site's layout. */

/**
 * Where the text of an element that `selectors` match goes on to a new line inside a word: not
 * after a space, a hyphen, a slash or a dash, nor at a `<wbr>` or a zero-width space. Each as
 * "…before|after…". Runs in the page (`page.evaluate(linesBrokenInsideAWord, selectors)`).
 */
export function linesBrokenInsideAWord(selectors: string): string[] {
  // One function, as the page receives it: what it calls must be inside it.
  const cutsIn = (heading: Element): string[] => {
    const cuts: string[] = [];
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    let lineTop: number | undefined;
    let mayBreak = true;
    let before = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!(node instanceof Text)) {
        if (node instanceof Element && node.localName === 'wbr') mayBreak = true;
        continue;
      }
      for (let i = 0; i < node.data.length; i++) {
        const character = node.data.charAt(i);
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const box = range.getClientRects()[0];
        if (box && !/\s/.test(character)) {
          if (lineTop !== undefined && box.top > lineTop + 1 && !mayBreak)
            cuts.push(`${before.slice(-12)}|${node.data.slice(i, i + 12)}`);
          lineTop = box.top;
        }
        before += character;
        mayBreak = /[\s\-/–—\u200b]/.test(character);
      }
    }
    return cuts;
  };
  return [...document.querySelectorAll(selectors)].flatMap(cutsIn);
}
