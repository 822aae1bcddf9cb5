/**
 * Every built page also as Markdown beside its HTML (`scenarios/x/index.html` → `scenarios/x/index.md`),
 * and an `llms.txt` at the root listing them with their descriptions, so scripts and assistants can
 * read a page's text. The Markdown is made from the built HTML, not the MDX source, so what the
 * components render (symptoms, fix steps, code from the catalog) is in it too.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { defaultTreeAdapter, parse, type DefaultTreeAdapterTypes } from 'parse5';
import { listHtmlFiles } from './built-html';

type Node = DefaultTreeAdapterTypes.ChildNode;
type Element = DefaultTreeAdapterTypes.Element;

const SKIPPED_TAGS = new Set([
  'script',
  'style',
  'svg',
  'button',
  'template',
  'nav',
  'noscript',
  'form',
  'textarea',
  'select',
  'input',
]);

const attribute = (element: Element, name: string) => element.attrs.find((a) => a.name === name)?.value;
const classes = (element: Element) => (attribute(element, 'class') ?? '').split(/\s+/);
const isElement = (node: Node): node is Element => defaultTreeAdapter.isElementNode(node);

function findElement(node: DefaultTreeAdapterTypes.ParentNode, test: (element: Element) => boolean): Element | undefined {
  for (const child of node.childNodes) {
    if (!isElement(child)) continue;
    if (test(child)) return child;
    const found = findElement(child, test);
    if (found) return found;
  }
  return undefined;
}

/** The text of an element as a code block shows it: Expressive Code puts each line in a `.ec-line`. */
function codeText(node: Node): string {
  if (defaultTreeAdapter.isTextNode(node)) return node.value;
  if (!isElement(node)) return '';
  const text = node.childNodes.map(codeText).join('');
  return classes(node).includes('ec-line') ? `${text}\n` : text;
}

function inline(nodes: readonly Node[]): string {
  return nodes
    .map((node): string => {
      if (defaultTreeAdapter.isTextNode(node)) return node.value.replace(/\s+/g, ' ');
      if (
        !isElement(node) ||
        SKIPPED_TAGS.has(node.tagName) ||
        classes(node).includes('sl-anchor-link') ||
        classes(node).includes('sr-only')
      )
        return '';
      const content = inline(node.childNodes);
      switch (node.tagName) {
        case 'code':
          return `\`${content.trim()}\``;
        case 'strong':
        case 'b':
          return content.trim() ? `**${content.trim()}**` : '';
        case 'em':
        case 'i':
          return content.trim() ? `_${content.trim()}_` : '';
        case 'a': {
          const href = attribute(node, 'href');
          return href && content.trim() ? `[${content.trim()}](${href})` : content;
        }
        case 'br':
          return '\n';
        case 'img':
          return `![${attribute(node, 'alt') ?? ''}](${attribute(node, 'src') ?? ''})`;
        default:
          return content;
      }
    })
    .join('');
}

const BLOCK_TAGS = new Set([
  'p',
  'ul',
  'ol',
  'pre',
  'table',
  'blockquote',
  'dl',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'div',
  'section',
  'figure',
  'details',
  'aside',
  'hr',
]);

function blocks(nodes: readonly Node[]): string[] {
  const out: string[] = [];
  let pending: Node[] = [];
  const flush = () => {
    const text = inline(pending).trim();
    if (text) out.push(text);
    pending = [];
  };
  for (const node of nodes) {
    if (isElement(node) && (BLOCK_TAGS.has(node.tagName) || node.tagName.includes('-'))) {
      flush();
      out.push(...block(node));
    } else {
      pending.push(node);
    }
  }
  flush();
  return out;
}

function block(element: Element): string[] {
  if (SKIPPED_TAGS.has(element.tagName) || classes(element).includes('sr-only')) return [];
  const heading = /^h([1-6])$/.exec(element.tagName);
  if (heading) return [`${'#'.repeat(Number(heading[1]))} ${inline(element.childNodes).trim()}`];
  switch (element.tagName) {
    case 'p':
      return [inline(element.childNodes).trim()].filter(Boolean);
    case 'hr':
      return ['---'];
    case 'pre': {
      const language = attribute(element, 'data-language') ?? '';
      return [`\`\`\`${language}\n${codeText(element).replace(/\n+$/, '')}\n\`\`\``];
    }
    case 'ul':
    case 'ol':
      return [listItems(element, element.tagName === 'ol')];
    case 'blockquote':
      return [blocks(element.childNodes).join('\n\n').replace(/^/gm, '> ')];
    case 'dl': {
      // A <dl> may group each term with its definition in a <div>.
      const items = element.childNodes
        .filter(isElement)
        .flatMap((item) => (item.tagName === 'div' ? item.childNodes.filter(isElement) : [item]));
      return [
        items
          .map((item) =>
            item.tagName === 'dt' ? `**${inline(item.childNodes).trim()}**` : `: ${inline(item.childNodes).trim()}`,
          )
          .join('\n'),
      ];
    }
    case 'table':
      return [table(element)];
    default:
      return blocks(element.childNodes);
  }
}

function listItems(list: Element, ordered: boolean): string {
  return list.childNodes
    .filter((node): node is Element => isElement(node) && node.tagName === 'li')
    .map((item, index) => {
      const marker = ordered ? `${index + 1}.` : '-';
      const body = blocks(item.childNodes).join('\n\n');
      return `${marker} ${body.replace(/\n/g, `\n${' '.repeat(marker.length + 1)}`)}`;
    })
    .join('\n');
}

function table(element: Element): string {
  const rows: string[][] = [];
  const collect = (node: Element) => {
    for (const child of node.childNodes.filter(isElement)) {
      if (child.tagName === 'tr')
        rows.push(
          child.childNodes
            .filter(isElement)
            .map((cell) => inline(cell.childNodes).trim().replace(/\|/g, '\\|').replace(/\n/g, ' ')),
        );
      else collect(child);
    }
  };
  collect(element);
  if (rows.length === 0) return '';
  const width = Math.max(...rows.map((row) => row.length));
  const line = (row: string[]) => `| ${Array.from({ length: width }, (_, i) => row[i] ?? '').join(' | ')} |`;
  return [line(rows[0]!), `| ${Array(width).fill('---').join(' | ')} |`, ...rows.slice(1).map(line)].join('\n');
}

interface PageText {
  siteName: string;
  title: string;
  description: string;
  markdown: string;
}

function pageToMarkdown(html: string): PageText | undefined {
  const document = parse(html);
  const title = findElement(document, (e) => e.tagName === 'h1');
  const content = findElement(document, (e) => classes(e).includes('sl-markdown-content'));
  if (!title || !content) return undefined;
  const meta = (test: (e: Element) => boolean) => {
    const found = findElement(document, (e) => e.tagName === 'meta' && test(e));
    return (found && attribute(found, 'content')) ?? '';
  };
  const heading = inline(title.childNodes).trim();
  const body = blocks(content.childNodes).join('\n\n');
  return {
    siteName: meta((e) => attribute(e, 'property') === 'og:site_name'),
    title: heading,
    description: meta((e) => attribute(e, 'name') === 'description'),
    markdown: `# ${heading}\n\n${body}\n`,
  };
}

export function markdownPages(): AstroIntegration {
  let siteRoot = '/';
  let siteName = '';
  return {
    name: 'markdown-pages',
    hooks: {
      'astro:config:done': ({ config }) => {
        siteRoot = new URL(config.base, config.site ?? 'http://localhost/').href;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const listed: string[] = [];
        let summary = '';
        for (const file of await listHtmlFiles(root)) {
          if (!file.endsWith('index.html')) continue;
          const page = pageToMarkdown(await readFile(path.join(root, file), 'utf8'));
          if (!page) continue;
          const markdownFile = file.replace(/\.html$/, '.md');
          await writeFile(path.join(root, markdownFile), page.markdown);
          if (file === 'index.html') {
            siteName = page.siteName;
            summary = page.description;
          }
          listed.push(`- [${page.title}](${siteRoot}${markdownFile})${page.description ? `: ${page.description}` : ''}`);
        }
        const llms = [
          `# ${siteName}`,
          '',
          `> ${summary}`,
          '',
          'Every page of the site as Markdown.',
          '',
          '## Pages',
          '',
          ...listed,
          '',
        ].join('\n');
        await writeFile(path.join(root, 'llms.txt'), llms);
        logger.info(`wrote llms.txt and ${listed.length} Markdown pages`);
      },
    },
  };
}
