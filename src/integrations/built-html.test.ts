import { describe, expect, it } from 'vitest';
import { parseHtml } from './built-html';

const attributesOf = (source: string, name: string) => parseHtml(source).find((element) => element.name === name)?.attributes;

describe('parseHtml', () => {
  it('reads quoted and unquoted attributes, with `>` inside quotes and names in any case', () => {
    expect(attributesOf(`<button DATA-CODE="(a) => a > 1" title='x' hidden id=copy>`, 'button')).toEqual({
      'data-code': '(a) => a > 1',
      title: 'x',
      hidden: '',
      id: 'copy',
    });
  });

  it('decodes every named and numeric character reference in attribute values', () => {
    expect(attributesOf('<meta content="Caf&eacute; &amp; b&auml;r&hellip; &#39;&#x2F;&lt;">', 'meta')?.['content']).toBe(
      "Café & bär… '/<",
    );
  });

  it('keeps the text of scripts and styles and does not read markup in them or in comments', () => {
    const elements = parseHtml(
      `<!-- <a href="/x/"> --><script>let a = '<a href="/y/">';</script><style>a::after { content: "<b>"; }</style>`,
    );
    expect(elements.filter((element) => element.name === 'a')).toEqual([]);
    expect(elements.find((element) => element.name === 'script')?.text).toBe(`let a = '<a href="/y/">';`);
    expect(elements.find((element) => element.name === 'style')?.text).toBe('a::after { content: "<b>"; }');
  });

  it('finds elements inside <noscript> and <template>, and SVG links', () => {
    const elements = parseHtml(
      '<noscript><a href="/no-js/">x</a></noscript><template><a href="/later/">y</a></template><svg><a xlink:href="#s"></a></svg>',
    );
    expect(elements.filter((element) => element.name === 'a').map((element) => element.attributes)).toEqual([
      { href: '/no-js/' },
      { href: '/later/' },
      { 'xlink:href': '#s' },
    ]);
  });
});
