/**
 * Reading the built site: finding its HTML files and pulling out the elements the site checks
 * (link check, Open Graph, scripts) look at. Node-only; used at build time and by tests.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface HtmlElement {
  name: string;
  /** Attribute values with character references decoded. */
  attributes: Readonly<Record<string, string>>;
  /** The raw text of a `<script>` or `<style>` element; empty for other elements. */
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

// A tag scanner rather than a full HTML parser: the checks only need each start tag's name and
// attributes (quoted or not) plus the text of raw-text elements, whose content must not be
// mistaken for markup.
const MARKUP = /<!--[\s\S]*?-->|<![^>]*>|<\/[^>]*>|<([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'textarea', 'title']);

/** All elements of an HTML document (their start tags), in document order. */
export function parseHtml(source: string): HtmlElement[] {
  const elements: HtmlElement[] = [];
  MARKUP.lastIndex = 0;
  for (let match = MARKUP.exec(source); match; match = MARKUP.exec(source)) {
    const [, tagName, attributeSource] = match;
    if (tagName === undefined) continue;
    const name = tagName.toLowerCase();
    const attributes: Record<string, string> = {};
    for (const [, attributeName = '', double, single, bare] of (attributeSource ?? '').matchAll(ATTRIBUTE)) {
      attributes[attributeName.toLowerCase()] = decodeCharacterReferences(double ?? single ?? bare ?? '');
    }
    let text = '';
    if (RAW_TEXT_ELEMENTS.has(name) && !match[0].endsWith('/>')) {
      const close = source.toLowerCase().indexOf(`</${name}`, MARKUP.lastIndex);
      const end = close === -1 ? source.length : close;
      text = source.slice(MARKUP.lastIndex, end);
      MARKUP.lastIndex = end;
    }
    elements.push({ name, attributes, text });
  }
  return elements;
}

export async function readHtml(dir: string, file: string): Promise<HtmlElement[]> {
  return parseHtml(await readFile(path.join(dir, file), 'utf8'));
}

const NAMED_REFERENCES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/** Decodes the character references that occur in attribute values (`&amp;`, `&#39;`, `&#x2F;`). */
export function decodeCharacterReferences(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (reference, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X')) return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number.parseInt(body.slice(1), 10));
    return NAMED_REFERENCES[body.toLowerCase()] ?? reference;
  });
}
