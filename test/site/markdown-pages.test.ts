/**
 * The Markdown beside every page and the llms.txt that lists them (src/integrations/markdown-pages.ts):
 * every content page is listed, every listed file exists in the build, and a page's Markdown holds
 * what its components render, not only its MDX text.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listHtmlFiles } from '~/integrations/built-html';
import { DIST_DIR, isPlaygroundPage } from './built-site';

const llms = readFileSync(path.join(DIST_DIR, 'llms.txt'), 'utf8');
const listedFiles = [...llms.matchAll(/^- \[[^\]]+\]\((\S+?\.md)\)/gm)].map((m) => new URL(m[1]!).pathname);
const base = new URL(/\((\S+?\.md)\)/.exec(llms)![1]!).pathname.replace(/index\.md$|[^/]+\/index\.md$/, '');

describe('llms.txt', () => {
  it('names the site and lists every content page with its description', async () => {
    expect(llms).toMatch(/^# KMS custom key store errors\n\n> /);
    const contentPages = (await listHtmlFiles(DIST_DIR)).filter((file) => file.endsWith('index.html') && !isPlaygroundPage(file));
    const listed = new Set(listedFiles.map((pathname) => pathname.slice(base.length).replace(/\.md$/, '.html')));
    expect(contentPages.filter((file) => !listed.has(file))).toEqual([]);
    expect(llms).toContain('/diagnose/index.md): Paste an AWS KMS error');
  });

  it('lists only files that exist in the build', () => {
    expect(listedFiles.length).toBeGreaterThan(40);
    expect(listedFiles.filter((pathname) => !existsSync(path.join(DIST_DIR, pathname.slice(base.length))))).toEqual([]);
  });
});

describe('a page as Markdown', () => {
  it('has the title, headings, code blocks and what the components render', () => {
    const markdown = readFileSync(path.join(DIST_DIR, 'scenarios/user-locked-out/index.md'), 'utf8');
    expect(markdown).toMatch(/^# USER_LOCKED_OUT/);
    expect(markdown).toMatch(/^## /m);
    expect(markdown).toMatch(/^```\w*\n[\s\S]*?\n```$/m);
    expect(markdown).toContain('USER_LOCKED_OUT');
    const prose = markdown.replace(/^```[\s\S]*?^```$/gm, '').replace(/`[^`\n]*`/g, '');
    expect(prose, 'no HTML left outside code').not.toMatch(/<\/?[a-z][\w-]*(\s[^>]*)?>/);
  });
});
