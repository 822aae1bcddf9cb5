import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegration } from 'astro';
import { afterEach, describe, expect, it } from 'vitest';
import { prefixBase } from '~/integrations/base-links';
import { findBrokenLinks, linkCheck } from '~/integrations/link-check';

let distDir: string | undefined;
afterEach(async () => {
  if (distDir) await rm(distDir, { recursive: true, force: true });
  distDir = undefined;
});

/** Writes a tiny built site: `{ 'guides/x/index.html': '<a href=…>' }`. */
async function fakeDist(files: Record<string, string>): Promise<string> {
  distDir = await mkdtemp(path.join(tmpdir(), 'link-check-'));
  for (const [file, body] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(distDir, file)), { recursive: true });
    await writeFile(path.join(distDir, file), file.endsWith('.html') ? `<!doctype html><html><body>${body}</body></html>` : body);
  }
  return distDir;
}

const page = (id: string, links: string[]) => `<h2 id="${id}">x</h2>${links.map((href) => `<a href="${href}">l</a>`).join('')}`;

describe('findBrokenLinks', () => {
  it('accepts links to pages, files, anchors, query strings and other sites', async () => {
    const dir = await fakeDist({
      'index.html': page('top', [
        '/guides/x/',
        '/guides/x/#fix',
        'guides/x/',
        '#top',
        '/style.css',
        '/playground/?scenario=a',
        'https://docs.aws.amazon.com/kms/',
        'mailto:a@b.c',
      ]),
      'guides/x/index.html': page('fix', ['../../', '/#top', '/404.html']),
      '404.html': page('gone', []),
      'style.css': 'body{}',
      'playground/index.html': page('p', []),
    });
    expect(await findBrokenLinks({ distDir: dir })).toEqual([]);
  });

  it('reports a missing page and a missing anchor, with the page they are on', async () => {
    const dir = await fakeDist({
      'index.html': page('top', ['/guides/missing/', '/guides/x/#no-such-heading']),
      'guides/x/index.html': page('fix', ['#fix', '#also-missing']),
    });
    expect(await findBrokenLinks({ distDir: dir })).toEqual([
      { page: 'guides/x/index.html', href: '#also-missing', reason: 'no element with id "also-missing" on guides/x/index.html' },
      { page: 'index.html', href: '/guides/missing/', reason: 'no such page or file in the build' },
      {
        page: 'index.html',
        href: '/guides/x/#no-such-heading',
        reason: 'no element with id "no-such-heading" on guides/x/index.html',
      },
    ]);
  });

  it('under a base path, a root link that forgot the base is broken', async () => {
    const dir = await fakeDist({
      'index.html': page('top', ['/kms-errors/guides/x/', '/guides/x/', '/kms-errors']),
      'guides/x/index.html': page('fix', []),
    });
    expect(await findBrokenLinks({ distDir: dir, base: '/kms-errors/' })).toEqual([
      { page: 'index.html', href: '/guides/x/', reason: 'points outside the base path /kms-errors/' },
    ]);
  });

  it('checks absolute links to the site itself (canonical, og:url) like relative ones', async () => {
    const dir = await fakeDist({
      'index.html': '<link rel="canonical" href="https://kms.example.dev/nope/"><a href="https://kms.example.dev/">home</a>',
    });
    expect(await findBrokenLinks({ distDir: dir, site: 'https://kms.example.dev' })).toEqual([
      { page: 'index.html', href: 'https://kms.example.dev/nope/', reason: 'no such page or file in the build' },
    ]);
  });

  it("ignores only the 404 page's own canonical URL, which names a page that cannot exist", async () => {
    const canonical = (path: string) => `<link rel="canonical" href="https://kms.example.dev${path}">`;
    const dir = await fakeDist({ '404.html': canonical('/404/'), 'index.html': canonical('/404/') });
    expect(await findBrokenLinks({ distDir: dir, site: 'https://kms.example.dev' })).toEqual([
      { page: 'index.html', href: 'https://kms.example.dev/404/', reason: 'no such page or file in the build' },
    ]);
  });

  it('does not mistake markup inside scripts or comments for links', async () => {
    const dir = await fakeDist({
      'index.html': `<!-- <a href="/gone/"> --><script>document.body.innerHTML = '<a href="/gone/">';</script><a href=/ id=x>ok</a>`,
    });
    expect(await findBrokenLinks({ distDir: dir })).toEqual([]);
  });
});

describe('the link-check integration', () => {
  /** Runs the integration's hooks the way Astro does, against a built folder; resolves to what it logged. */
  async function runBuild(dir: string): Promise<string[]> {
    const added: AstroIntegration[] = [];
    const setup = linkCheck();
    await setup.hooks['astro:config:setup']?.({
      updateConfig: (config: { integrations: AstroIntegration[] }) => added.push(...config.integrations),
    } as never);
    const [checker] = added;
    await checker?.hooks['astro:config:done']?.({ config: { base: '/', site: undefined } } as never);
    const logged: string[] = [];
    const logger = { info: (message: string) => logged.push(message) };
    await checker?.hooks['astro:build:done']?.({ dir: pathToFileURL(`${dir}/`), logger } as never);
    return logged;
  }

  it('fails the build on a broken link and names it', async () => {
    const dir = await fakeDist({ 'index.html': page('top', ['/missing/']) });
    await expect(runBuild(dir)).rejects.toThrow(
      /1 broken internal link\(s\):\n {2}index\.html: \/missing\/ \(no such page or file in the build\)/,
    );
  });

  it('lets a clean build pass', async () => {
    const dir = await fakeDist({ 'index.html': page('top', ['#top']) });
    await expect(runBuild(dir)).resolves.toEqual(['every internal link and anchor resolves']);
  });
});

describe('prefixBase', () => {
  it('prefixes root-relative links once, and leaves other links alone', () => {
    expect(prefixBase('/scenarios/x/', '/kms-errors/')).toBe('/kms-errors/scenarios/x/');
    expect(prefixBase('/kms-errors/scenarios/x/', '/kms-errors/')).toBe('/kms-errors/scenarios/x/');
    expect(prefixBase('/scenarios/x/', '/')).toBe('/scenarios/x/');
    for (const href of ['#fix', '../x/', 'https://aws.amazon.com/', '//cdn.example.com/a.js']) {
      expect(prefixBase(href, '/kms-errors/')).toBe(href);
    }
  });
});
