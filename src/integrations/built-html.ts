/**
 * Reading the built site: finding its HTML files and parsing them into the elements the site
 * checks (link check, Open Graph, scripts) look at. Node-only; used at build time and by tests.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { defaultTreeAdapter, html, parse, type DefaultTreeAdapterTypes } from 'parse5';

export interface HtmlElement {
  /** The tag name: lower case for HTML elements, as the HTML standard spells it for SVG and MathML. */
  name: string;
  /** Attribute values with character references decoded; namespaced attributes as `xlink:href`. */
  attributes: Readonly<Record<string, string>>;
  /** The text of a `<script>` or `<style>` element; empty for other elements. */
  text: string;
}

/** Every `.html` file under `dir`, as paths relative to it with `/` separators, sorted. */
export async function listHtmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

const ELEMENTS_WITH_TEXT = new Set(['script', 'style']);

function isTemplate(element: DefaultTreeAdapterTypes.Element): element is DefaultTreeAdapterTypes.Template {
  return element.tagName === 'template' && element.namespaceURI === html.NS.HTML;
}

function toHtmlElement(element: DefaultTreeAdapterTypes.Element): HtmlElement {
  const attributes: Record<string, string> = {};
  for (const { name, prefix, value } of element.attrs) {
    attributes[prefix ? `${prefix}:${name}` : name] = value;
  }
  const text = ELEMENTS_WITH_TEXT.has(element.tagName)
    ? element.childNodes
        .filter((node) => defaultTreeAdapter.isTextNode(node))
        .map((node) => node.value)
        .join('')
    : '';
  return { name: element.tagName, attributes, text };
}

/**
 * Every element of an HTML document, in document order, parsed the way browsers parse it
 * (including the elements the parser implies, such as `<head>` and `<body>`).
 */
export function parseHtml(source: string): HtmlElement[] {
  const elements: HtmlElement[] = [];
  const collect = (parent: DefaultTreeAdapterTypes.ParentNode) => {
    for (const node of parent.childNodes) {
      if (!defaultTreeAdapter.isElementNode(node)) continue;
      elements.push(toHtmlElement(node));
      collect(isTemplate(node) ? node.content : node);
    }
  };
  // Parsed as with scripting disabled, so that the markup inside <noscript> (links included) is
  // elements, not text.
  collect(parse(source, { scriptingEnabled: false }));
  return elements;
}

export async function readHtml(dir: string, file: string): Promise<HtmlElement[]> {
  return parseHtml(await readFile(path.join(dir, file), 'utf8'));
}
